using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Shouldly;
using Xunit;
using static Pbx.IntegrationTests.Interop.InteropFixture;

namespace Pbx.IntegrationTests.Interop;

/// <summary>
/// The interop matrix: baresip 1.0 and linphone 5.1 (linphonec) register to a PBX running the product's default settings,
/// over UDP and TCP, and call each other through it as their users would: audio both ways (each phone sends its own tone
/// and records what it receives), RFC 4733 keys, hold and resume, blind transfer. The tests of this class run one after
/// the other (one xunit collection): each call is real-time audio, and four softphones at once would starve a CI machine.
/// </summary>
public sealed class SoftphoneInteropTests(InteropFixture fixture) : IClassFixture<InteropFixture>
{
    // Seconds of audio per call: enough to measure, short enough to keep the matrix to about two minutes.
    private static readonly TimeSpan TalkTime = TimeSpan.FromSeconds(3);
    private const double HeardAtLeast = 1.5;
    // RTP ports of the three phones, 50 each, below the kernel's ephemeral range (32768 up) and apart from the other tests'.
    private const int FirstPhoneRtp = 32000;
    private const int SecondPhoneRtp = 32100;
    private const int ThirdPhoneRtp = 32200;

    private PbxHost Pbx => fixture.Pbx;

    [Theory]
    [InlineData("udp", "5401", "5402")]
    [InlineData("tcp", "5403", "5404")]
    public async Task Linphone_and_baresip_call_each_other_and_each_hears_the_others_audio(string transport, string linphoneNumber, string baresipNumber)
    {
        using var registrations = Pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
        await using var linphone = await fixture.LinphoneAsync(linphoneNumber, transport, LinphoneTone, FirstPhoneRtp);
        await using var baresip = await fixture.BaresipAsync(baresipNumber, transport, SecondPhoneRtp);
        await RegisteredAsync(registrations, linphone, baresip);

        await TalkAsync(linphone, baresip, occurrence: 1);
        ShouldHear(baresip, LinphoneTone, notOwn: BaresipTone);
        ShouldHear(linphone, BaresipTone, notOwn: LinphoneTone);
        (await CdrRow.ClosedAsync(Pbx.Database, linphoneNumber, baresipNumber, TimeSpan.FromSeconds(10))).Disposition.ShouldBe("answered");

        await TalkAsync(baresip, linphone, occurrence: 2);
        ShouldHear(linphone, BaresipTone, notOwn: LinphoneTone);
        ShouldHear(baresip, LinphoneTone, notOwn: BaresipTone);
        (await CdrRow.ClosedAsync(Pbx.Database, baresipNumber, linphoneNumber, TimeSpan.FromSeconds(10))).Disposition.ShouldBe("answered");
    }

    [Theory]
    [InlineData("udp", "5411", "5412")]
    [InlineData("tcp", "5413", "5414")]
    public async Task Keys_pressed_on_either_phone_reach_the_other_as_telephone_events(string transport, string linphoneNumber, string baresipNumber)
    {
        using var registrations = Pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
        await using var linphone = await fixture.LinphoneAsync(linphoneNumber, transport, LinphoneTone, FirstPhoneRtp);
        await using var baresip = await fixture.BaresipAsync(baresipNumber, transport, SecondPhoneRtp);
        await RegisteredAsync(registrations, linphone, baresip);
        await linphone.DialAsync(baresipNumber);
        await Task.WhenAll(linphone.ConnectedAsync(), baresip.ConnectedAsync());

        // One key at a time, as a user presses them: each must arrive before the next is pressed.
        foreach (var key in "15#")
        {
            await linphone.PressAsync(key);
            await baresip.KeyReceivedAsync(key);
        }
        foreach (var key in "9*0")
        {
            await baresip.PressAsync(key);
            await linphone.KeyReceivedAsync(key);
        }
        await linphone.HangUpAsync();
        await Task.WhenAll(linphone.EndedAsync(), baresip.EndedAsync());
    }

    [Theory]
    [InlineData("linphone", "udp", "5421", "5422")]
    [InlineData("baresip", "tcp", "5423", "5424")]
    public async Task Hold_and_resume_from_either_phone_are_seen_by_the_pbx_and_audio_flows_again_after_resume(
        string holderKind, string transport, string linphoneNumber, string baresipNumber)
    {
        using var registrations = Pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
        await using var linphone = await fixture.LinphoneAsync(linphoneNumber, transport, LinphoneTone, FirstPhoneRtp);
        await using var baresip = await fixture.BaresipAsync(baresipNumber, transport, SecondPhoneRtp);
        await RegisteredAsync(registrations, linphone, baresip);
        var holder = holderKind == "linphone" ? (ISoftphone)linphone : baresip;
        using var calls = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        await linphone.DialAsync(baresipNumber);
        await Task.WhenAll(linphone.ConnectedAsync(), baresip.ConnectedAsync());
        var callId = await CallTests.AnsweredCallAsync(calls);

        await holder.HoldAsync();
        await SeenAsync(calls, [holder], ("held", callId));
        await holder.ResumeAsync();
        await SeenAsync(calls, [holder], ("resumed", callId));
        await Task.Delay(TalkTime);
        await linphone.HangUpAsync();
        await Task.WhenAll(linphone.EndedAsync(), baresip.EndedAsync());

        // What linphone received in the last seconds, after the resume, is baresip again. baresip's own recording cannot say
        // the same: its sndfile module (1.0) stops writing at the first re-INVITE, which is the hold itself.
        ShouldHear(linphone, BaresipTone, notOwn: LinphoneTone, window: TalkTime - TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("baresip", "udp", "5431", "5432", "5433")]
    [InlineData("linphone", "tcp", "5434", "5435", "5436")]
    public async Task Blind_transfer_from_either_phone_connects_the_caller_to_the_target_and_releases_the_transferor(
        string transferorKind, string transport, string linphoneNumber, string baresipNumber, string targetNumber)
    {
        using var registrations = Pbx.LiveEvents.Subscribe([ExtensionGrain.LiveTopic]);
        await using var linphone = await fixture.LinphoneAsync(linphoneNumber, transport, LinphoneTone, FirstPhoneRtp);
        await using var baresip = await fixture.BaresipAsync(baresipNumber, transport, SecondPhoneRtp);
        await using var target = await fixture.LinphoneAsync(targetNumber, transport, TargetTone, ThirdPhoneRtp);
        await RegisteredAsync(registrations, linphone, baresip, target);
        var (caller, transferor) = transferorKind == "baresip" ? ((ISoftphone)linphone, (ISoftphone)baresip) : (baresip, linphone);
        using var calls = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var extensions = Pbx.LiveEvents.Subscribe([CallGrain.ExtensionTopic]);
        await caller.DialAsync(transferor.Number);
        await Task.WhenAll(caller.ConnectedAsync(), transferor.ConnectedAsync());
        var callId = await CallTests.AnsweredCallAsync(calls);

        await transferor.TransferAsync(targetNumber);
        await target.ConnectedAsync();
        await SeenAsync(calls, [transferor, target], ("transferred", callId));
        // The transferor is released by the PBX's BYE (RFC 5589). Its own display is not a reliable witness: baresip 1.0
        // also sends BYE after the final NOTIFY, and when the two BYEs cross it never reports the call as ended.
        await SeenAsync(extensions, [transferor], ("idle", transferor.Number));
        await Task.Delay(TalkTime);
        await target.HangUpAsync();
        await Task.WhenAll(target.EndedAsync(), caller.EndedAsync());

        ShouldHear(target, ToneOf(caller), notOwn: TargetTone);
        ShouldHear(caller, TargetTone, notOwn: ToneOf(caller), window: TalkTime - TimeSpan.FromSeconds(1));
    }

    /// <summary><paramref name="caller"/> calls <paramref name="callee"/>, both talk for <see cref="TalkTime"/>, the caller hangs up.</summary>
    private static async Task TalkAsync(ISoftphone caller, ISoftphone callee, int occurrence)
    {
        await Task.WhenAll(caller.RecordNextCallAsync(), callee.RecordNextCallAsync());
        await caller.DialAsync(callee.Number);
        await Task.WhenAll(caller.ConnectedAsync(occurrence), callee.ConnectedAsync(occurrence));
        // Real-time audio: what the phones record is what flowed meanwhile.
        await Task.Delay(TalkTime);
        await caller.HangUpAsync();
        await Task.WhenAll(caller.EndedAsync(occurrence), callee.EndedAsync(occurrence));
    }

    /// <summary>
    /// <paramref name="phone"/>'s last call carried at least <see cref="HeardAtLeast"/> seconds of <paramref name="tone"/> (half
    /// a second within a <paramref name="window"/>) and hardly any of its own <paramref name="notOwn"/>, which would be an echo.
    /// </summary>
    private static void ShouldHear(ISoftphone phone, int tone, int notOwn, TimeSpan? window = null)
    {
        var heard = phone.Heard();
        var least = window is null ? HeardAtLeast : 0.5;
        ToneMeter.Seconds(heard, tone, window).ShouldBeGreaterThanOrEqualTo(least, $"{phone.Number} hears {tone} Hz in {heard}:\n{phone.Output.Text}");
        ToneMeter.Seconds(heard, notOwn, window).ShouldBeLessThan(0.2, $"{phone.Number} hears its own {notOwn} Hz back");
    }

    private static int ToneOf(ISoftphone phone) => phone is LinphoneUserAgent ? LinphoneTone : BaresipTone;
}
