using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pbx.Grains.Calls;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>Failover between carrier trunks when a carrier does not answer the INVITE at all (Trunks:FailoverTimeout).</summary>
public sealed class TrunkFailoverTests(TrunkFailoverFixture fixture) : IClassFixture<TrunkFailoverFixture>
{
    private PbxHost Pbx => fixture.Host;

    private TrunkTestData Data => new(fixture.Host);

    [Fact]
    public async Task Carrier_silent_to_the_invite_fails_over_to_the_next_trunk_long_before_the_transaction_timeout()
    {
        // The first carrier takes the INVITE and never sends anything back, not even 100 Trying.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var secondPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-silent-a", ((IPEndPoint)silent.Client.LocalEndPoint!).Port);
        await Data.AddTrunkAsync("t-silent-b", secondPort);
        await Data.AddRuleAsync("g-silent", "0", "t-silent-a", "t-silent-b");
        var caller = await Data.PhoneAsync("3111", "g-silent", "national");
        using var secondRtp = new RtpSink();
        await using var second = Sipp.Start("uas-answers.xml", Pbx.Udp, "carrier", secondPort,
            keys: new Dictionary<string, string> { ["rtp_port"] = secondRtp.Port.ToString(CultureInfo.InvariantCulture) });

        var clock = Stopwatch.StartNew();
        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: "0401234567");
        clock.Stop();

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await second.WaitAsync()).ExitCode.ShouldBe(0);
        using var received = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var invite = await silent.ReceiveAsync(received.Token);
        Encoding.ASCII.GetString(invite.Buffer).ShouldStartWith("INVITE sip:+358401234567@127.0.0.1");
        // 5 s of silence, then the second trunk; without failover the caller would ring until timer B (32 s) or no answer (30 s).
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        var cdr = await Data.TrunkCdrAsync("t-silent-b");
        (cdr.Direction, cdr.Disposition, cdr.Callee).ShouldBe(("outbound", "answered", "+358401234567"));
    }

    [Fact]
    public async Task Carrier_answering_a_transfer_after_it_failed_over_silence_is_ended_with_bye()
    {
        var carrierPort = FreePort.UdpAndTcp();
        await Data.AddTrunkAsync("t-late", carrierPort);
        await Data.AddRuleAsync("g-late", "0", "t-late");
        var caller = await Data.PhoneAsync("3181", "g-late", "internal");
        var callee = await Data.PhoneAsync("3182", "g-late", "national");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var calleeRtp = new RtpSink();
        using var carrierRtp = new RtpSink();
        await using var calleeSide = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(calleeRtp));
        await using var carrier = Sipp.Start("carrier-answers-late.xml", Pbx.Udp, "carrier", carrierPort, keys: TestPhone.RtpPort(carrierRtp));
        await using var callerSide = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var call = Pbx.Grains.GetGrain<ICallGrain>(await CallActionTests.EventAsync(events, "answered"));

        // The only trunk stays silent past Trunks:FailoverTimeout: the transfer fails and the call goes on; the carrier's
        // 200 after that must not leave a dialog (and the carrier's billing) running.
        (await call.TransferAsync("0401234567", null)).ShouldBe(CallActionResult.Done);

        var (carrierExit, carrierOutput) = await carrier.WaitAsync();
        carrierExit.ShouldBe(0, "the late 200 was ACKed and ended with BYE: " + carrierOutput);
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done, "the call went on after the failed transfer");
        (await calleeSide.WaitAsync()).ExitCode.ShouldBe(0);
        (await callerSide.WaitAsync()).ExitCode.ShouldBe(0);
    }
}
