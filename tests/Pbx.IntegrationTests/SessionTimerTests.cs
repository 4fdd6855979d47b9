using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Session timers (RFC 4028) on both legs, seen by sipp phones: the interval too small is refused with 422, the PBX
/// refreshes where it is the refresher, and a refresh that never comes ends the call. Intervals are shortened to
/// seconds (below RFC 4028's 90 s floor, which the options allow for tests) so each test takes a few seconds.
/// </summary>
public sealed class SessionTimerTests
{
    private static readonly string[] ShortTimers = ["--Calls:SessionExpires=2", "--Calls:MinSessionExpires=1"];

    [Fact]
    public async Task Interval_below_the_minimum_gets_422_with_min_se()
    {
        // RFC 4028 section 8.1 (and 7.3 for the caller's retry): the default minimum is 90 s.
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("setoosmall"));
        var caller = await TestPhone.CallerOnlyAsync(pbx, "5201");
        await TestPhone.RegisterAsync(pbx, "5202");

        var refused = await Sipp.RunAsync("uac-session-too-small.xml", pbx.Udp, caller.Number, caller.Port, service: "5202");

        refused.ExitCode.ShouldBe(0, "the caller got 422 with Min-SE: 90: " + refused.Output);
    }

    [Fact]
    public async Task Pbx_refreshes_both_legs_with_update_when_the_phones_do_not_support_timers()
    {
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("serefresh"), ShortTimers);
        var caller = await TestPhone.CallerOnlyAsync(pbx, "5211");
        var callee = await TestPhone.RegisterAsync(pbx, "5212");
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-session-refreshed.xml", pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-session-refreshed.xml", pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, "the caller's 200 named the PBX as refresher and an UPDATE refreshed its leg: " + uac.Output);
        var calleeSide = await uas.WaitAsync();
        calleeSide.ExitCode.ShouldBe(0, "the callee was asked for the PBX's interval and got an UPDATE refresh: " + calleeSide.Output);
        var cdr = await CdrRow.ClosedAsync(pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "caller"));
    }

    [Fact]
    public async Task Call_whose_refresher_stays_silent_is_hung_up_on_both_sides()
    {
        await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("seexpiry"), ShortTimers);
        var caller = await TestPhone.CallerOnlyAsync(pbx, "5221");
        var callee = await TestPhone.RegisterAsync(pbx, "5222");
        using var phone = new RtpSink();
        // Each phone takes the refresher role (the caller in its INVITE, the callee in its 200) and never refreshes.
        await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone),
            replace: ("Content-Type: application/sdp", "Session-Expires: 2;refresher=uas\n      Require: timer\n      Content-Type: application/sdp"));

        var uac = await Sipp.RunAsync("uac-hung-up.xml", pbx.Udp, caller.Number, caller.Port, service: callee.Number,
            replace: ("Content-Type: application/sdp", "Supported: timer\n      Session-Expires: 2;refresher=uac\n      Content-Type: application/sdp"));

        uac.ExitCode.ShouldBe(0, "the caller got BYE from the PBX: " + uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0, "the callee got BYE from the PBX");
        var cdr = await CdrRow.ClosedAsync(pbx.Database, caller.Number, callee.Number);
        (cdr.Disposition, cdr.HangupSide, cdr.HangupCause).ShouldBe(("answered", "system", "session timer expired"));
    }
}
