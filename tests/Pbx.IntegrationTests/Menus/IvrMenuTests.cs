using System.Text.Json;
using Pbx.Data.IvrMenus;
using Pbx.Data.Prompts;
using Pbx.Data.TimeConditions;
using Pbx.Grains.Extensions;
using Pbx.Grains.Menus;
using Pbx.IntegrationTests.Interop;
using Pbx.TestSupport;
using Shouldly;
using Xunit;
using static Pbx.IntegrationTests.Interop.InteropFixture;

namespace Pbx.IntegrationTests.Menus;

/// <summary>
/// IVR menus with real phones: a baresip caller dials a menu's number, hears its greeting (a tone of its own, measured in
/// what the phone recorded), and presses keys by RFC 4733; the menu rings the extension chosen, or hangs up after too
/// many invalid keys. The PBX runs with its default settings; only the prompts directory is the test's.
/// </summary>
public sealed class IvrMenuTests : IAsyncLifetime
{
    private const int GreetingTone = 1800;
    private const int CalleeTone = 600;
    // RTP ports below the kernel's ephemeral range and apart from the other interop tests' phones.
    private const int CallerRtp = 32500;
    private const int CalleeRtp = 32550;

    private readonly string _folder = Directory.CreateTempSubdirectory("pbx-ivr-").FullName;
    private PbxHost _pbx = null!;

    private string Prompts => Path.Combine(_folder, "prompts");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Prompts, "library"));
        await Sox.SynthesizeAsync(Path.Combine(Prompts, "greeting.wav"), seconds: 4, channels: 1, GreetingTone);
        await Sox.SynthesizeAsync(Path.Combine(Prompts, "library", "welcome-uz.wav"), seconds: 6, channels: 1, GreetingTone);
        await Sox.SynthesizeAsync(Path.Combine(_folder, "caller.wav"), seconds: 60, channels: 1, BaresipTone);
        await Sox.SynthesizeAsync(Path.Combine(_folder, "callee.wav"), seconds: 60, channels: 1, CalleeTone);
        _pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("ivr"), $"--Media:PromptsDirectory={Prompts}");
    }

    public async Task DisposeAsync()
    {
        await _pbx.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_caller_hears_the_greeting_presses_a_key_and_talks_to_the_extension_it_chose()
    {
        // The greeting is the prompts library's "welcome" in the menu's language, as an upload or the system prompts leave it.
        await _pbx.Prompts.AddSystemAsync(new PromptAudio("welcome", "uz", "library/welcome-uz.wav", 6000, 96_044), CancellationToken.None);
        var keys = new Dictionary<string, IvrMenuAction> { ["1"] = new(MenuDestination.Extension, "5512"), ["9"] = new(MenuDestination.Hangup) };
        await _pbx.Menus.CreateAsync(Menu(keys) with { Greeting = "welcome", Language = "uz" }, CancellationToken.None);
        await using var caller = await PhoneAsync("5511", "caller.wav", CallerRtp);
        await using var callee = await PhoneAsync("5512", "callee.wav", CalleeRtp);

        await caller.DialAsync("500");
        await caller.ConnectedAsync();
        // Long enough to hear a good part of the 6 s greeting before the key cuts it short (barge-in).
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await caller.PressAsync('1');
        await callee.ConnectedAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await callee.HangUpAsync();
        await caller.ByeReceivedAsync();

        var heard = caller.Heard();
        // Bounds wide enough for a loaded machine (the key reaches the node some hundreds of ms after the phone sends it).
        ToneMeter.Seconds(heard, GreetingTone).ShouldBeGreaterThanOrEqualTo(1.0, $"the caller hears the greeting in {heard}");
        ToneMeter.Seconds(heard, GreetingTone).ShouldBeLessThan(5.0, "the key stops the 6 s greeting");
        ToneMeter.Seconds(heard, CalleeTone).ShouldBeGreaterThanOrEqualTo(1.0, "the caller talks to the extension after the menu");
        ToneMeter.Seconds(callee.Heard(), BaresipTone).ShouldBeGreaterThanOrEqualTo(1.0, "the extension hears the caller");
        var cdr = await CdrRow.ClosedAsync(_pbx.Database, "5511", "500", TimeSpan.FromSeconds(10));
        cdr.Disposition.ShouldBe("answered");
        MenuStep(cdr).ShouldBe(("main", "5512", "1"), "the CDR keeps the menus, the destination and the keys");
    }

    [Fact]
    public async Task After_too_many_invalid_keys_the_menu_hangs_up_and_the_cdr_keeps_the_keys()
    {
        await _pbx.Menus.CreateAsync(Menu(new() { ["1"] = new(MenuDestination.Extension, "5522") }) with { DirectDial = false, MaxRetries = 1 },
            CancellationToken.None);
        await using var caller = await PhoneAsync("5521", "caller.wav", CallerRtp);

        await caller.DialAsync("500");
        await caller.ConnectedAsync();
        await caller.PressAsync('7');
        await caller.PressAsync('8');
        await caller.ByeReceivedAsync();

        var cdr = await CdrRow.ClosedAsync(_pbx.Database, "5521", "500", TimeSpan.FromSeconds(10));
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "system"));
        MenuStep(cdr).ShouldBe(("main", "hangup", "78"));
    }

    [Fact]
    public async Task A_menu_outside_its_hours_sends_the_caller_straight_to_its_closed_destination()
    {
        var hours = await _pbx.TimeConditions.CreateAsync(new TimeConditionSettings("Office", "Asia/Tashkent", [], []), CancellationToken.None);
        await _pbx.TimeConditions.SetOverrideAsync(hours.Id, TimeConditionOverride.ForceClosed, CancellationToken.None);
        await _pbx.Menus.CreateAsync(Menu(new() { ["1"] = new(MenuDestination.Extension, "5541") }) with
        {
            TimeConditionId = hours.Id, Closed = new IvrMenuAction(MenuDestination.Extension, "5542"),
        }, CancellationToken.None);
        await using var caller = await PhoneAsync("5543", "caller.wav", CallerRtp);
        await using var onDuty = await PhoneAsync("5542", "callee.wav", CalleeRtp);

        await caller.DialAsync("500");
        await Task.WhenAll(caller.ConnectedAsync(), onDuty.ConnectedAsync());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await onDuty.HangUpAsync();
        await caller.ByeReceivedAsync();

        ToneMeter.Seconds(caller.Heard(), GreetingTone).ShouldBeLessThan(0.2, "a closed menu plays no greeting");
        ToneMeter.Seconds(caller.Heard(), CalleeTone).ShouldBeGreaterThanOrEqualTo(1.0, "the caller talks to the extension on duty");
        MenuStep(await CdrRow.ClosedAsync(_pbx.Database, "5543", "500", TimeSpan.FromSeconds(10))).ShouldBe(("main", "5542", ""));
    }

    [Fact]
    public async Task A_call_straight_into_a_closed_menu_with_nowhere_to_go_is_refused_480_before_any_answer()
    {
        var hours = await _pbx.TimeConditions.CreateAsync(new TimeConditionSettings("Shut", "Asia/Tashkent", [], []), CancellationToken.None);
        await _pbx.TimeConditions.SetOverrideAsync(hours.Id, TimeConditionOverride.ForceClosed, CancellationToken.None);
        await _pbx.Menus.CreateAsync(Menu([]) with { TimeConditionId = hours.Id }, CancellationToken.None);
        var caller = await TestPhone.RegisterAsync(_pbx, "5561");

        var refused = await Sipp.RunAsync("uac-refused.xml", _pbx.Udp, caller.Number, caller.Port, service: "500", replace: ("STATUS", "480"));

        refused.ExitCode.ShouldBe(0, refused.Output);
        var cdr = await CdrRow.ClosedAsync(_pbx.Database, "5561", "500", TimeSpan.FromSeconds(10));
        (cdr.Disposition, cdr.Answered).ShouldBe(("no-answer", false));
    }

    [Fact]
    public async Task A_did_routed_to_a_menu_answers_the_carrier_whose_rfc_4733_key_rings_the_extension()
    {
        var data = new TrunkTestData(_pbx);
        var carrierPort = FreePort.UdpAndTcp();
        await data.AddTrunkAsync("t-ivr", carrierPort);
        await _pbx.Menus.CreateAsync(Menu(new() { ["1"] = new(MenuDestination.Extension, "5532") }), CancellationToken.None);
        await data.AddDidAsync("+358201000099", "ivr", "main");
        var phone = await data.PhoneAsync("5532", "default", "national");
        using var phoneRtp = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", _pbx.Udp, phone.Number, phone.Port, keys: TestPhone.RtpPort(phoneRtp));

        var carrier = await Sipp.RunAsync("carrier-presses-1.xml", _pbx.Udp, "0401112222", carrierPort, service: "0201000099");

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        var (uasExit, uasOutput) = await uas.WaitAsync();
        uasExit.ShouldBe(0, uasOutput);
        var cdr = await data.TrunkCdrAsync("t-ivr");
        (cdr.Direction, cdr.Callee, cdr.Disposition).ShouldBe(("inbound", "+358201000099", "answered"));
        MenuStep(await CdrRow.ClosedAsync(_pbx.Database, "+358401112222", "+358201000099")).ShouldBe(("main", "5532", "1"));
    }

    [Fact]
    public async Task A_carrier_without_telephone_event_presses_its_key_in_band_and_the_menu_hears_it()
    {
        var data = new TrunkTestData(_pbx);
        var carrierPort = FreePort.UdpAndTcp();
        await data.AddTrunkAsync("t-ivr-tones", carrierPort);
        await _pbx.Menus.CreateAsync(Menu(new() { ["1"] = new(MenuDestination.Extension, "5552") }), CancellationToken.None);
        await data.AddDidAsync("+358201000098", "ivr", "main");
        var phone = await data.PhoneAsync("5552", "default", "national");
        using var phoneRtp = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", _pbx.Udp, phone.Number, phone.Port, keys: TestPhone.RtpPort(phoneRtp));
        var pcap = Path.Combine(_folder, "key-1-in-band.pcap");
        InbandKeyPcap.Write(pcap, '1', before: TimeSpan.FromMilliseconds(500));

        var carrier = await Sipp.RunAsync("carrier-presses-in-band.xml", _pbx.Udp, "0401113333", carrierPort, service: "0201000098",
            replace: ("PCAP", pcap));

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        var (uasExit, uasOutput) = await uas.WaitAsync();
        uasExit.ShouldBe(0, uasOutput);
        MenuStep(await CdrRow.ClosedAsync(_pbx.Database, "+358401113333", "+358201000098")).ShouldBe(("main", "5552", "1"));
    }

    /// <summary>The "ivr" step of the CDR's history: the menus passed, where the caller went, the keys pressed.</summary>
    private static (string? From, string? To, string? Keys) MenuStep(CdrRow cdr)
    {
        using var history = JsonDocument.Parse(cdr.History);
        var step = history.RootElement.EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "ivr");
        return (step.GetProperty("from").GetString(), step.GetProperty("to").GetString(), step.GetProperty("keys").GetString());
    }

    private static IvrMenu Menu(Dictionary<string, IvrMenuAction> keys) =>
        new() { Id = "main", Name = "Main menu", Number = "500", Greeting = "greeting.wav", Keys = keys };

    private async Task<BaresipUserAgent> PhoneAsync(string number, string tone, int rtpPortBase)
    {
        await _pbx.AddExtensionAsync(number);
        using var registrations = _pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
        var phone = BaresipUserAgent.StartPhone(number, _pbx.Udp, "udp", Path.Combine(_folder, tone), rtpPortBase);
        await RegisteredAsync(registrations, phone);
        return phone;
    }
}
