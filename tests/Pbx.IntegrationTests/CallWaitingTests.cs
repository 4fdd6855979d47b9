using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Call waiting: while extension A talks (as the caller, from a softphone that is not registered), a second call to A
/// rings A's registered phone, or gets 486 when A turned call waiting off. The extension grain knows A's calls.
/// </summary>
public sealed class CallWaitingTests(CallFeatureFixture fixture) : IClassFixture<CallFeatureFixture>
{
    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task Second_call_rings_an_extension_already_in_a_call()
    {
        var (busy, other, callId) = await FirstCallAsync("5101", "5102");
        var ringing = await TestPhone.RegisterAsync(Pbx, busy.Number);
        var second = await TestPhone.CallerOnlyAsync(Pbx, "5103");
        await using var waiting = Sipp.Start("uas-rings.xml", Pbx.Udp, ringing.Number, ringing.Port);

        var cancelled = await Sipp.RunAsync("uac-cancels.xml", Pbx.Udp, second.Number, second.Port, service: busy.Number);

        cancelled.ExitCode.ShouldBe(0, "the second caller heard ringing (180), then cancelled: " + cancelled.Output);
        (await waiting.WaitAsync()).ExitCode.ShouldBe(0, "the phone of the extension in a call rang");
        await EndFirstCallAsync(busy, other, callId);
    }

    [Fact]
    public async Task Second_call_gets_486_when_call_waiting_is_off()
    {
        var (busy, other, callId) = await FirstCallAsync("5111", "5112");
        await Pbx.SetSettingsAsync(busy.Number, """{"callWaiting": false}""");
        await TestPhone.RegisterAsync(Pbx, busy.Number);
        var second = await TestPhone.CallerOnlyAsync(Pbx, "5113");

        var refused = await Sipp.RunAsync("uac-refused.xml", Pbx.Udp, second.Number, second.Port, service: busy.Number, replace: ("STATUS", "486"));

        refused.ExitCode.ShouldBe(0, refused.Output);
        (await CdrRow.ClosedAsync(Pbx.Database, second.Number, busy.Number)).Disposition.ShouldBe("busy");
        await EndFirstCallAsync(busy, other, callId);
    }

    [Fact]
    public async Task Second_call_follows_the_busy_forward_when_call_waiting_is_off()
    {
        var (busy, other, callId) = await FirstCallAsync("5121", "5122");
        await TestPhone.RegisterAsync(Pbx, busy.Number);
        var target = await TestPhone.RegisterAsync(Pbx, "5124");
        await Pbx.SetSettingsAsync(busy.Number, """{"callWaiting": false, "forwardBusy": "5124"}""");
        var second = await TestPhone.CallerOnlyAsync(Pbx, "5123");
        using var rtp = new RtpSink();
        await using var answering = Sipp.Start("uas-answers.xml", Pbx.Udp, target.Number, target.Port, keys: TestPhone.RtpPort(rtp));

        var forwarded = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, second.Number, second.Port, service: busy.Number);

        forwarded.ExitCode.ShouldBe(0, forwarded.Output);
        (await answering.WaitAsync()).ExitCode.ShouldBe(0, "the busy forward target answered");
        var cdr = await CdrRow.ClosedAsync(Pbx.Database, second.Number, busy.Number);
        cdr.Disposition.ShouldBe("answered");
        cdr.History.ShouldContain("forward-busy");
        await EndFirstCallAsync(busy, other, callId);
    }

    /// <summary>A (not registered) calls B, who answers; both extensions then list the call.</summary>
    private async Task<(TestPhone Busy, (SippProcess Caller, SippProcess Callee, RtpSink Rtp) Other, string CallId)> FirstCallAsync(string a, string b)
    {
        var caller = await TestPhone.CallerOnlyAsync(Pbx, a);
        var callee = await TestPhone.RegisterAsync(Pbx, b);
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        var rtp = new RtpSink();
        var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(rtp));
        var uac = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var callId = (await TestPhone.NextEventAsync(events, "answered")).Key;
        (await Pbx.Grains.GetGrain<IExtensionGrain>(a).GetActiveCallsAsync()).ShouldBe([callId]);
        (await Pbx.Grains.GetGrain<IExtensionGrain>(b).GetStatusAsync()).ActiveCalls.ShouldBe([callId], "the status page lists the callee's call");
        return (caller, (uac, uas, rtp), callId);
    }

    private async Task EndFirstCallAsync(TestPhone busy, (SippProcess Caller, SippProcess Callee, RtpSink Rtp) first, string callId)
    {
        (await Pbx.Grains.GetGrain<ICallGrain>(callId).HangupAsync()).ShouldBe(CallActionResult.Done);
        (await first.Caller.WaitAsync()).ExitCode.ShouldBe(0);
        (await first.Callee.WaitAsync()).ExitCode.ShouldBe(0);
        await first.Caller.DisposeAsync();
        await first.Callee.DisposeAsync();
        first.Rtp.Dispose();
        (await Pbx.Grains.GetGrain<IExtensionGrain>(busy.Number).GetActiveCallsAsync()).ShouldBeEmpty("the extension left the call when it ended");
    }
}
