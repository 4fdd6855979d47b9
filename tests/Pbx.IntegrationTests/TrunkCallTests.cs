using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Pbx.Grains.Calls;
using Pbx.Grains.Trunks;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Calls through carrier trunks on the wire: sipp plays the carriers (and the phones), the PBX routes outside numbers
/// through dial rules to trunks and trunk INVITEs to DIDs. Each test has its own trunks, extension group and numbers.
/// </summary>
public sealed class TrunkCallTests(CallFixture fixture) : IClassFixture<CallFixture>
{
    private PbxHost Pbx => fixture.Host;

    private TrunkTestData Data => new(fixture.Host);

    [Fact]
    public async Task Outbound_call_answers_the_carriers_407_once_in_carrier_format_with_caller_id_and_early_media()
    {
        var carrierPort = FreePort.UdpAndTcp();
        // Only the HA1 of the carrier's realm is stored (RFC 7616 3.4.2); the carrier checks the answer with the password.
        await Data.AddTrunkAsync("t-auth", carrierPort, carrierFormat: "national", username: "trunkuser", realm: "carrier.test",
            ha1: Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("trunkuser:carrier.test:trunkpass"))));
        await Data.AddRuleAsync("g-auth", "0", "t-auth");
        var caller = await Data.PhoneAsync("3001", "g-auth", "national", outboundCallerId: "+358912345678");
        using var carrierRtp = new RtpSink();
        await using var carrier = Sipp.Start("carrier-challenges.xml", Pbx.Udp, "carrier", carrierPort, keys: TestPhone.RtpPort(carrierRtp));

        // The caller must see the carrier's early media (183 with SDP) before the answer (RFC 3960).
        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: "0401234567",
            replace: ("<recv response=\"183\" optional=\"true\" />", "<recv response=\"183\" />"));

        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
        uac.ExitCode.ShouldBe(0, uac.Output);
        var cdr = await Data.TrunkCdrAsync("t-auth");
        (cdr.Direction, cdr.Caller, cdr.Callee, cdr.Disposition).ShouldBe(("outbound", "3001", "+358401234567", "answered"));
        cdr.CarrierCallId.ShouldNotBe(cdr.CallId, "the carrier's leg has its own Call-ID");
        cdr.CarrierCallId.ShouldEndWith("@pbx");
    }

    [Fact]
    public async Task Trunk_with_privacy_sends_an_anonymous_from_and_the_caller_id_only_in_p_asserted_identity()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-priv", carrierPort, privacy: true, defaultCallerId: "0912345678");
        await Data.AddRuleAsync("g-priv", "0", "t-priv");
        var caller = await Data.PhoneAsync("3071", "g-priv", "national");
        await using var carrier = Sipp.Start("carrier-private-caller.xml", Pbx.Udp, "carrier", carrierPort);

        var uac = await RefusedAsync(caller, "0401234567", 486);

        uac.ExitCode.ShouldBe(0, uac.Output);
        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
    }

    [Fact]
    public async Task Offer_to_a_carrier_lists_only_the_trunks_codecs_and_telephone_event()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-pcma", carrierPort, codecs: ["PCMA"]);
        await Data.AddRuleAsync("g-pcma", "0", "t-pcma");
        var caller = await Data.PhoneAsync("3081", "g-pcma", "national");
        await using var carrier = Sipp.Start("carrier-checks-codecs.xml", Pbx.Udp, "carrier", carrierPort);

        var uac = await RefusedAsync(caller, "0401234567", 486);

        uac.ExitCode.ShouldBe(0, uac.Output);
        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
    }

    [Fact]
    public async Task Inbound_call_offering_none_of_the_trunks_codecs_gets_488()
    {
        var carrierPort = FreePort.UdpAndTcp();
        // The carrier offers PCMA; the trunk allows only PCMU.
        await Data.AddTrunkAsync("t-in-pcmu", carrierPort, codecs: ["PCMU"]);
        await Data.AddDidAsync("+358201000005", "extension", "3091");
        await Pbx.AddExtensionAsync("3091");

        var carrier = await CarrierRefusedAsync(carrierPort, "0201000005", 488);

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        var cdr = await Data.TrunkCdrAsync("t-in-pcmu");
        (cdr.Direction, cdr.Callee, cdr.HangupCause).ShouldBe(("inbound", "+358201000005", "488 Not Acceptable Here"));
    }

    [Fact]
    public async Task Unconditional_forward_to_an_outside_number_goes_out_through_the_forwarding_extensions_trunk()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-fwd", carrierPort);
        await Data.AddRuleAsync("g-fwd", "0", "t-fwd");
        // The caller may not dial out at all; the forward goes out under the forwarding extension's national class.
        var caller = await Data.PhoneAsync("3101", "g-fwd", "internal");
        await Pbx.AddExtensionAsync("3102");
        await Data.ExecuteAsync(
            """
            update extensions set extension_group = 'g-fwd', permission_class = 'national', settings = '{"forwardAlways": "0401234567"}'::jsonb
            where number = '3102'
            """);
        await Pbx.ReloadExtensionAsync("3102");
        using var carrierRtp = new RtpSink();
        await using var carrier = Sipp.Start("uas-answers.xml", Pbx.Udp, "carrier", carrierPort, keys: TestPhone.RtpPort(carrierRtp));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: "3102");

        uac.ExitCode.ShouldBe(0, uac.Output);
        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
        var cdr = await Data.TrunkCdrAsync("t-fwd");
        (cdr.Direction, cdr.Caller, cdr.Callee, cdr.Disposition).ShouldBe(("outbound", "3101", "+358401234567", "answered"));
        var history = (await CdrRow.ClosedAsync(Pbx.Database, "3101", "+358401234567")).History;
        history.ShouldContain("forward-always");
        history.ShouldContain("\"from\": \"3102\"");
    }

    [Fact]
    public async Task No_answer_forward_to_an_outside_number_cancels_the_phone_and_rings_the_carrier()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-fwdna", carrierPort);
        await Data.AddRuleAsync("g-fwdna", "0", "t-fwdna");
        var caller = await Data.PhoneAsync("3111", "g-fwdna", "internal");
        var away = await Data.PhoneAsync("3112", "g-fwdna", "national");
        await Pbx.SetSettingsAsync("3112", """{"forwardNoAnswer": "0401234567", "noAnswerSeconds": 1}""");
        using var carrierRtp = new RtpSink();
        await using var ringing = Sipp.Start("uas-rings.xml", Pbx.Udp, away.Number, away.Port);
        await using var carrier = Sipp.Start("uas-answers.xml", Pbx.Udp, "carrier", carrierPort, keys: TestPhone.RtpPort(carrierRtp));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: away.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await ringing.WaitAsync()).ExitCode.ShouldBe(0, "the unanswered phone got CANCEL");
        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
        var cdr = await Data.TrunkCdrAsync("t-fwdna");
        (cdr.Direction, cdr.Callee, cdr.Disposition).ShouldBe(("outbound", "+358401234567", "answered"));
        (await CdrRow.ClosedAsync(Pbx.Database, "3111", "+358401234567")).History.ShouldContain("forward-no-answer");
    }

    [Fact]
    public async Task Deflect_to_an_outside_number_cancels_the_phone_and_the_carrier_answers()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-defl", carrierPort);
        await Data.AddRuleAsync("g-defl", "0", "t-defl");
        var caller = await Data.PhoneAsync("3121", "g-defl", "internal");
        var callee = await Data.PhoneAsync("3122", "g-defl", "national");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var carrierRtp = new RtpSink();
        await using var ringing = Sipp.Start("uas-rings.xml", Pbx.Udp, callee.Number, callee.Port);
        await using var carrier = Sipp.Start("uas-answers.xml", Pbx.Udp, "carrier", carrierPort, keys: TestPhone.RtpPort(carrierRtp));
        await using var callerSide = Sipp.Start("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var call = Pbx.Grains.GetGrain<ICallGrain>(await CallActionTests.EventAsync(events, "ringing"));

        (await call.DeflectAsync("0401234567")).ShouldBe(CallActionResult.Done);

        (await ringing.WaitAsync()).ExitCode.ShouldBe(0, "the ringing phone got CANCEL");
        var (callerExit, callerOutput) = await callerSide.WaitAsync();
        callerExit.ShouldBe(0, callerOutput);
        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
        var cdr = await Data.TrunkCdrAsync("t-defl");
        (cdr.Direction, cdr.Callee, cdr.Disposition).ShouldBe(("outbound", "+358401234567", "answered"));
        (await CdrRow.ClosedAsync(Pbx.Database, "3121", "+358401234567")).History.ShouldContain("deflect");
    }

    [Fact]
    public async Task Transfer_from_the_api_to_an_outside_number_connects_the_caller_to_the_carrier()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-xfer", carrierPort);
        await Data.AddRuleAsync("g-xfer", "0", "t-xfer");
        var caller = await Data.PhoneAsync("3131", "g-xfer", "internal");
        var callee = await Data.PhoneAsync("3132", "g-xfer", "national");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var calleeRtp = new RtpSink();
        using var carrierRtp = new RtpSink();
        await using var calleeSide = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(calleeRtp));
        await using var carrier = Sipp.Start("uas-answers.xml", Pbx.Udp, "carrier", carrierPort, keys: TestPhone.RtpPort(carrierRtp));
        await using var callerSide = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var call = Pbx.Grains.GetGrain<ICallGrain>(await CallActionTests.EventAsync(events, "answered"));

        // The callee (national class) transfers; the caller itself could not dial out.
        (await call.TransferAsync("0401234567", null)).ShouldBe(CallActionResult.Done);

        (await calleeSide.WaitAsync()).ExitCode.ShouldBe(0, "the callee left with BYE");
        await CallActionTests.EventAsync(events, "transferred");
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);
        (await callerSide.WaitAsync()).ExitCode.ShouldBe(0, "the caller stayed, talking to the carrier, until the hang-up");
        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
        var cdr = await Data.TrunkCdrAsync("t-xfer");
        (cdr.Direction, cdr.Callee, cdr.Disposition).ShouldBe(("outbound", "+358401234567", "answered"));
        (await CdrRow.ClosedAsync(Pbx.Database, "3131", "+358401234567")).History.ShouldContain("blind-transfer");
    }

    [Fact]
    public async Task Outbound_invite_to_a_carrier_asks_for_session_timers()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-se", carrierPort);
        await Data.AddRuleAsync("g-se", "0", "t-se");
        var caller = await Data.PhoneAsync("3141", "g-se", "national");
        await using var carrier = Sipp.Start("carrier-checks-session-timer.xml", Pbx.Udp, "carrier", carrierPort);

        var uac = await RefusedAsync(caller, "0401234567", 486);

        uac.ExitCode.ShouldBe(0, uac.Output);
        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, carrierOutput);
    }

    [Fact]
    public async Task Inbound_call_with_a_session_interval_below_the_minimum_gets_422_and_holds_no_trunk_slot()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-in-se", carrierPort);
        await Data.AddDidAsync("+358201000006", "extension", "3151");
        await Pbx.AddExtensionAsync("3151");

        // RFC 4028 section 7.3 and 8.1: the carrier hears the PBX's Min-SE (90 s) and may retry.
        var carrier = await Sipp.RunAsync("carrier-session-too-small.xml", Pbx.Udp, "0401112222", carrierPort, service: "0201000006");

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-in-se").GetStatusAsync()).ActiveCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Carrier_503_fails_over_to_the_next_trunk_which_answers()
    {
        var (firstPort, secondPort) = (FreePort.UdpAndTcp(), FreePort.UdpAndTcp());
        await Data.AddTrunkAsync("t-fo-a", firstPort);
        await Data.AddTrunkAsync("t-fo-b", secondPort);
        await Data.AddRuleAsync("g-fo", "0", "t-fo-a", "t-fo-b");
        var caller = await Data.PhoneAsync("3011", "g-fo", "national");
        using var secondRtp = new RtpSink();
        await using var first = Sipp.Start("carrier-fails.xml", Pbx.Udp, "carrier", firstPort, replace: ("STATUS", "503"));
        await using var second = Sipp.Start("uas-answers.xml", Pbx.Udp, "carrier", secondPort, keys: TestPhone.RtpPort(secondRtp));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: "0401234567");

        uac.ExitCode.ShouldBe(0, uac.Output);
        var (firstExit, firstOutput) = await first.WaitAsync();
        firstExit.ShouldBe(0, firstOutput);
        var (secondExit, secondOutput) = await second.WaitAsync();
        secondExit.ShouldBe(0, secondOutput);
        var cdr = await Data.TrunkCdrAsync("t-fo-b");
        (cdr.Direction, cdr.Disposition, cdr.Callee).ShouldBe(("outbound", "answered", "+358401234567"));
    }

    [Fact]
    public async Task Carrier_486_goes_to_the_caller_without_failover()
    {
        var firstPort = FreePort.UdpAndTcp();
        using var secondCarrier = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await Data.AddTrunkAsync("t-nf-a", firstPort);
        await Data.AddTrunkAsync("t-nf-b", LocalPort(secondCarrier));
        await Data.AddRuleAsync("g-nf", "0", "t-nf-a", "t-nf-b");
        var caller = await Data.PhoneAsync("3021", "g-nf", "national");
        await using var first = Sipp.Start("carrier-fails.xml", Pbx.Udp, "carrier", firstPort, replace: ("STATUS", "486"));

        // The caller's 486 is the grain's decision not to fail over: a failover would have rung the second trunk instead.
        var uac = await RefusedAsync(caller, "0401234567", 486);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await first.WaitAsync()).ExitCode.ShouldBe(0);
        secondCarrier.Available.ShouldBe(0, "486 is the callee's answer, not the trunk's failure");
        var cdr = await Data.TrunkCdrAsync("t-nf-a");
        (cdr.Direction, cdr.Disposition).ShouldBe(("outbound", "busy"));
    }

    [Fact]
    public async Task National_permission_class_refuses_an_international_number_with_403()
    {
        using var carrier = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await Data.AddTrunkAsync("t-perm", LocalPort(carrier));
        await Data.AddRuleAsync("g-perm", "00", "t-perm");
        var caller = await Data.PhoneAsync("3031", "g-perm", "national");

        var uac = await RefusedAsync(caller, "00441234567890", 403);

        uac.ExitCode.ShouldBe(0, uac.Output);
        carrier.Available.ShouldBe(0, "the toll-fraud guard refuses before any trunk is offered the call");
        var cdr = await Data.CdrByCallerAsync("3031");
        (cdr.Direction, cdr.Disposition, cdr.HangupCause, cdr.Trunk).ShouldBe(("outbound", "failed", "403 Forbidden", null));
    }

    [Fact]
    public async Task An_extension_past_its_hourly_outbound_limit_gets_403_and_the_operator_an_alert()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-hour", carrierPort);
        await Data.AddRuleAsync("g-hour", "0", "t-hour");
        var caller = await Data.PhoneAsync("3035", "g-hour", "national");
        await Data.ExecuteAsync("update extensions set outbound_calls_per_hour = 1 where number = $1", "3035");
        using var alerts = Pbx.LiveEvents.Subscribe([OutboundUsageGrain.AlertTopic]);
        using var carrierRtp = new RtpSink();
        await using (var carrier = Sipp.Start("uas-answers.xml", Pbx.Udp, "carrier", carrierPort, keys: TestPhone.RtpPort(carrierRtp)))
        {
            var first = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: "0401234567");
            first.ExitCode.ShouldBe(0, first.Output);
            (await carrier.WaitAsync()).ExitCode.ShouldBe(0);
        }
        using var silentCarrier = new UdpClient(new IPEndPoint(IPAddress.Loopback, carrierPort));

        var second = await RefusedAsync(caller, "0401234567", 403);

        second.ExitCode.ShouldBe(0, second.Output);
        silentCarrier.Available.ShouldBe(0, "a call past the limit is offered to no trunk");
        var alert = await TestPhone.NextEventAsync(alerts, "outbound-limit");
        alert.Key.ShouldBe("3035");
        alert.Data.GetProperty("limit").GetString().ShouldBe("PerHour");
    }

    [Fact]
    public async Task A_trunk_test_reaches_the_carrier_with_options_and_a_silent_carrier_is_reported_as_such()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-probe", carrierPort);
        using var silentCarrier = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await Data.AddTrunkAsync("t-probe-silent", LocalPort(silentCarrier));
        var tester = Pbx.Grains.GetGrain<ITrunkTestGrain>(0);
        await using var carrier = Sipp.Start("carrier-answers-options.xml", Pbx.Udp, "carrier", carrierPort);

        var answered = (await tester.TestAsync("t-probe")).ShouldNotBeNull();

        (answered.Status, answered.Reason).ShouldBe((200, "OK"));
        answered.RoundTripMs.ShouldNotBeNull().ShouldBeGreaterThan(0);
        (await carrier.WaitAsync()).ExitCode.ShouldBe(0, "the carrier got the OPTIONS at the trunk's address");
        var silent = (await tester.TestAsync("t-probe-silent")).ShouldNotBeNull();
        (silent.Status, silent.Reason).ShouldBe((null, "no answer in 5 s"));
        silentCarrier.Available.ShouldBeGreaterThan(0, "the OPTIONS did reach the silent carrier's socket");
        (await tester.TestAsync("t-no-such-trunk")).ShouldBeNull();
    }

    [Fact]
    public async Task Full_trunk_refuses_with_503()
    {
        using var carrier = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await Data.AddTrunkAsync("t-lim", LocalPort(carrier), maxCalls: 1);
        await Data.AddRuleAsync("g-lim", "0", "t-lim");
        var caller = await Data.PhoneAsync("3041", "g-lim", "national");
        var trunk = Pbx.Grains.GetGrain<ITrunkGrain>("t-lim");
        (await trunk.TryStartCallAsync("call-holding-the-slot", 1)).ShouldBeTrue();
        try
        {
            var uac = await RefusedAsync(caller, "0401234567", 503);

            uac.ExitCode.ShouldBe(0, uac.Output);
            carrier.Available.ShouldBe(0, "a full trunk is not offered the call");
            (await trunk.GetStatusAsync()).ActiveCalls.ShouldBe(1);
        }
        finally
        {
            await trunk.EndCallAsync("call-holding-the-slot");
        }
    }

    [Fact]
    public async Task Inbound_call_to_a_did_rings_its_extension_and_is_answered()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-in", carrierPort);
        await Data.AddDidAsync("+358201000001", "extension", "3051");
        var phone = await Data.PhoneAsync("3051", "default", "national");
        using var phoneRtp = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, phone.Number, phone.Port, keys: TestPhone.RtpPort(phoneRtp));

        // The carrier writes the DID nationally and the caller without "+": both are normalised with the trunk's plan.
        var carrier = await Sipp.RunAsync("carrier-calls.xml", Pbx.Udp, "0401112222", carrierPort, service: "0201000001");

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        var (uasExit, uasOutput) = await uas.WaitAsync();
        uasExit.ShouldBe(0, uasOutput);
        var cdr = await Data.TrunkCdrAsync("t-in");
        (cdr.Direction, cdr.Caller, cdr.Callee, cdr.Disposition).ShouldBe(("inbound", "+358401112222", "+358201000001", "answered"));
        cdr.CarrierCallId.ShouldBe(cdr.CallId, "inbound, the carrier's Call-ID keys the call");
    }

    [Fact]
    public async Task Inbound_call_forwarded_to_an_outside_number_goes_out_through_the_other_carrier_holding_and_freeing_both_slots()
    {
        var (inPort, outPort) = (FreePort.UdpAndTcp(), FreePort.UdpAndTcp());
        await Data.AddTrunkAsync("t-io-in", inPort, maxCalls: 1);
        await Data.AddTrunkAsync("t-io-out", outPort, maxCalls: 1);
        await Data.AddRuleAsync("g-io", "0", "t-io-out");
        await Data.AddDidAsync("+358201000011", "extension", "3161");
        await Pbx.AddExtensionAsync("3161");
        await Data.ExecuteAsync(
            """
            update extensions set extension_group = 'g-io', permission_class = 'national', settings = '{"forwardAlways": "0401234567"}'::jsonb
            where number = '3161'
            """);
        await Pbx.ReloadExtensionAsync("3161");

        // Two calls in a row: with one slot on each trunk the second fits only if the first freed both.
        for (var call = 0; call < 2; call++)
        {
            using var carrierRtp = new RtpSink();
            await using var outCarrier = Sipp.Start("carrier-checks-forwarded-caller.xml", Pbx.Udp, "carrier", outPort, keys: TestPhone.RtpPort(carrierRtp));

            var inCarrier = await Sipp.RunAsync("carrier-calls.xml", Pbx.Udp, "0401112222", inPort, service: "0201000011");

            inCarrier.ExitCode.ShouldBe(0, inCarrier.Output);
            var (outExit, outOutput) = await outCarrier.WaitAsync();
            outExit.ShouldBe(0, "the carrier forwarded to saw the original caller and the BYE: " + outOutput);
            var cdr = await Data.TrunkCdrAsync("t-io-in");
            (cdr.Direction, cdr.Caller, cdr.Callee, cdr.Disposition).ShouldBe(("inbound", "+358401112222", "+358201000011", "answered"));
            var history = (await CdrRow.ClosedAsync(Pbx.Database, "+358401112222", "+358201000011")).History;
            history.ShouldContain("forward-always");
            history.ShouldContain("\"trunk\": \"t-io-out\"");
        }
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-io-in").GetStatusAsync()).ActiveCalls.ShouldBe(0);
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-io-out").GetStatusAsync()).ActiveCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Inbound_call_unanswered_at_its_extension_is_forwarded_to_an_outside_number_through_a_trunk()
    {
        var (inPort, outPort) = (FreePort.UdpAndTcp(), FreePort.UdpAndTcp());
        await Data.AddTrunkAsync("t-io-na-in", inPort);
        await Data.AddTrunkAsync("t-io-na-out", outPort);
        await Data.AddRuleAsync("g-io-na", "0", "t-io-na-out");
        await Data.AddDidAsync("+358201000012", "extension", "3171");
        var away = await Data.PhoneAsync("3171", "g-io-na", "national");
        await Pbx.SetSettingsAsync("3171", """{"forwardNoAnswer": "0401234567", "noAnswerSeconds": 1}""");
        using var carrierRtp = new RtpSink();
        await using var ringing = Sipp.Start("uas-rings.xml", Pbx.Udp, away.Number, away.Port);
        await using var outCarrier = Sipp.Start("carrier-checks-forwarded-caller.xml", Pbx.Udp, "carrier", outPort, keys: TestPhone.RtpPort(carrierRtp));

        var inCarrier = await Sipp.RunAsync("carrier-calls.xml", Pbx.Udp, "0401112222", inPort, service: "0201000012");

        inCarrier.ExitCode.ShouldBe(0, inCarrier.Output);
        (await ringing.WaitAsync()).ExitCode.ShouldBe(0, "the unanswered phone got CANCEL");
        var (outExit, outOutput) = await outCarrier.WaitAsync();
        outExit.ShouldBe(0, outOutput);
        var cdr = await Data.TrunkCdrAsync("t-io-na-in");
        (cdr.Direction, cdr.Callee, cdr.Disposition).ShouldBe(("inbound", "+358201000012", "answered"));
        var history = (await CdrRow.ClosedAsync(Pbx.Database, "+358401112222", "+358201000012")).History;
        history.ShouldContain("forward-no-answer");
        history.ShouldContain("\"trunk\": \"t-io-na-out\"");
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-io-na-in").GetStatusAsync()).ActiveCalls.ShouldBe(0);
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-io-na-out").GetStatusAsync()).ActiveCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Inbound_call_transferred_from_the_api_to_an_outside_number_connects_the_carrier_to_the_other_carrier()
    {
        var (inPort, outPort) = (FreePort.UdpAndTcp(), FreePort.UdpAndTcp());
        await Data.AddTrunkAsync("t-io-x-in", inPort, maxCalls: 1);
        await Data.AddTrunkAsync("t-io-x-out", outPort, maxCalls: 1);
        await Data.AddRuleAsync("g-io-x", "0", "t-io-x-out");
        await Data.AddDidAsync("+358201000013", "extension", "3191");
        var desk = await Data.PhoneAsync("3191", "g-io-x", "national");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var deskRtp = new RtpSink();
        using var carrierRtp = new RtpSink();
        await using var deskSide = Sipp.Start("uas-answers.xml", Pbx.Udp, desk.Number, desk.Port, keys: TestPhone.RtpPort(deskRtp));
        await using var outCarrier = Sipp.Start("carrier-checks-forwarded-caller.xml", Pbx.Udp, "carrier", outPort, keys: TestPhone.RtpPort(carrierRtp));
        await using var inCarrier = Sipp.Start("carrier-hung-up.xml", Pbx.Udp, "0401112222", inPort, service: "0201000013");
        var call = Pbx.Grains.GetGrain<ICallGrain>(await CallActionTests.EventAsync(events, "answered"));

        // The desk phone (national class) hands the outside caller on to a mobile.
        (await call.TransferAsync("0401234567", null)).ShouldBe(CallActionResult.Done);

        (await deskSide.WaitAsync()).ExitCode.ShouldBe(0, "the desk phone left with BYE");
        await CallActionTests.EventAsync(events, "transferred");
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done);
        (await inCarrier.WaitAsync()).ExitCode.ShouldBe(0, "the inbound carrier talked to the other carrier until the hang-up");
        var (outExit, outOutput) = await outCarrier.WaitAsync();
        outExit.ShouldBe(0, outOutput);
        var history = (await CdrRow.ClosedAsync(Pbx.Database, "+358401112222", "+358201000013")).History;
        history.ShouldContain("blind-transfer");
        history.ShouldContain("\"trunk\": \"t-io-x-out\"");
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-io-x-in").GetStatusAsync()).ActiveCalls.ShouldBe(0);
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-io-x-out").GetStatusAsync()).ActiveCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Inbound_call_to_an_unknown_did_gets_404()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-in-404", carrierPort);

        var carrier = await CarrierRefusedAsync(carrierPort, "0201000099", 404);

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        var cdr = await Data.TrunkCdrAsync("t-in-404");
        (cdr.Direction, cdr.Callee, cdr.HangupCause).ShouldBe(("inbound", "+358201000099", "404 Not Found"));
    }

    [Fact]
    public async Task Inbound_call_to_a_did_routed_to_a_conference_not_built_yet_gets_480()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-in-conf", carrierPort);
        await Data.AddDidAsync("+358201000002", "conference", "board-room");

        var carrier = await CarrierRefusedAsync(carrierPort, "+358201000002", 480);

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        (await Data.TrunkCdrAsync("t-in-conf")).HangupCause.ShouldBe("480 Temporarily Unavailable");
    }

    [Fact]
    public async Task Inbound_call_to_a_did_routed_to_a_menu_that_is_gone_gets_404_and_holds_no_trunk_slot()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-in-ivr", carrierPort);
        await Data.AddDidAsync("+358201000007", "ivr", "gone-menu");

        var carrier = await CarrierRefusedAsync(carrierPort, "+358201000007", 404);

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        (await Data.TrunkCdrAsync("t-in-ivr")).HangupCause.ShouldBe("404 Not Found");
        (await Pbx.Grains.GetGrain<ITrunkGrain>("t-in-ivr").GetStatusAsync()).ActiveCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Inbound_did_is_found_in_p_called_party_id_when_the_request_uri_names_the_account()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-in-pcpi", carrierPort);
        await Data.AddDidAsync("+358201000004", "queue", "support");

        // RFC 3455 4.2: registering carriers often put the account in the Request-URI and the dialled DID here.
        var carrier = await CarrierRefusedAsync(carrierPort, "trunkuser", 480, calledPartyId: "tel:+358-20-1000004");

        carrier.ExitCode.ShouldBe(0, carrier.Output);
        var cdr = await Data.TrunkCdrAsync("t-in-pcpi");
        (cdr.Callee, cdr.HangupCause).ShouldBe(("+358201000004", "480 Temporarily Unavailable"));
    }

    [Fact]
    public async Task Invite_from_an_unknown_source_is_challenged_and_goes_no_further()
    {
        await Data.AddTrunkAsync("t-known", FreePort.UdpAndTcp());
        await Data.AddDidAsync("+358201000003", "extension", "3061");
        await Pbx.AddExtensionAsync("3061");

        // Same address as the trunk's host, another port: not the carrier, and no extension either. It is challenged as any
        // caller is (so a scanner cannot tell numbers apart), and without credentials it goes no further.
        var outsider = await CarrierRefusedAsync(FreePort.UdpAndTcp(), "0201000003", 407);

        outsider.ExitCode.ShouldBe(0, outsider.Output);
    }

    /// <summary>An outside caller from <paramref name="port"/>; P-Called-Party-ID repeats the Request-URI unless given.</summary>
    private Task<(int ExitCode, string Output)> CarrierRefusedAsync(int port, string called, int status, string? calledPartyId = null) =>
        Sipp.RunAsync("carrier-refused.xml", Pbx.Udp, "0401112222", port, service: called,
            keys: new Dictionary<string, string> { ["called_party"] = calledPartyId ?? $"sip:{called}@127.0.0.1" },
            replace: ("STATUS", status.ToString(CultureInfo.InvariantCulture)));

    private Task<(int ExitCode, string Output)> RefusedAsync(TestPhone caller, string callee, int status) =>
        Sipp.RunAsync("uac-refused.xml", Pbx.Udp, caller.Number, caller.Port, service: callee,
            replace: ("STATUS", status.ToString(CultureInfo.InvariantCulture)));

    private static int LocalPort(UdpClient client) => ((IPEndPoint)client.Client.LocalEndPoint!).Port;
}
