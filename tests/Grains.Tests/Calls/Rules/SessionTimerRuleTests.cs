using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>RFC 4028 on each leg, with the defaults (1800 s asked, 90 s minimum): each row what a phone sends and what the PBX settles on.</summary>
public sealed class SessionTimerRuleTests
{
    private static readonly CallOptions Defaults = new();

    public static TheoryData<string, SessionTimer?, int, bool> CallerLegs => new()
    {
        { "a phone without timers: the PBX refreshes at its own interval", null, 1800, true },
        { "supported but no Session-Expires: the caller refreshes", new SessionTimer(null, null, null, true), 1800, false },
        { "asks 600 s and names itself refresher", new SessionTimer(600, SessionTimer.Uac, null, true), 600, false },
        { "asks 600 s and makes the PBX refresh", new SessionTimer(600, SessionTimer.Uas, null, true), 600, true },
        { "asks more than ours: lowered to 1800", new SessionTimer(7200, null, null, true), 1800, false },
        { "asks 300 with Min-SE 400: never below its minimum", new SessionTimer(300, null, 400, true), 400, false },
        { "Session-Expires without Supported: timer in the INVITE, the PBX refreshes", new SessionTimer(900, null, null, false), 900, true },
    };

    [Theory]
    [MemberData(nameof(CallerLegs))]
    public void The_caller_leg_takes_the_interval_asked_within_limits_and_the_refresher_named(string situation, SessionTimer? offered, int seconds, bool pbxRefreshes) =>
        SessionTimerRule.AsUas(offered, Defaults).ShouldBe(new LegSessionTimer(seconds, pbxRefreshes), situation);

    public static TheoryData<string, SessionTimer?, int, bool> CalleeLegs => new()
    {
        { "a 2xx without Session-Expires: the PBX refreshes at what it asked", null, 1800, true },
        { "the callee refreshes (refresher=uas in its 2xx)", new SessionTimer(1800, SessionTimer.Uas, null, true), 1800, false },
        { "the callee makes the PBX refresh at a shorter interval", new SessionTimer(900, SessionTimer.Uac, null, true), 900, true },
    };

    [Theory]
    [MemberData(nameof(CalleeLegs))]
    public void A_leg_the_pbx_calls_takes_the_interval_and_refresher_of_its_2xx(string situation, SessionTimer? answered, int seconds, bool pbxRefreshes) =>
        SessionTimerRule.AsUac(answered, Defaults).ShouldBe(new LegSessionTimer(seconds, pbxRefreshes), situation);

    [Fact]
    public void An_interval_below_the_minimum_is_refused_with_422_naming_the_minimum()
    {
        var refusal = SessionTimerRule.TooSmall(new SessionTimer(60, null, null, true), Defaults).ShouldNotBeNull();

        (refusal.Status, refusal.SessionTimer!.MinExpires).ShouldBe((422, 90));
        SessionTimerRule.TooSmall(new SessionTimer(90, null, null, true), Defaults).ShouldBeNull("the minimum itself is accepted");
        SessionTimerRule.TooSmall(null, Defaults).ShouldBeNull("no timer asked");
    }

    [Fact]
    public void Every_invite_the_pbx_sends_asks_its_interval_and_leaves_the_refresher_to_the_phone() =>
        SessionTimerRule.Offer(Defaults).ShouldBe(new SessionTimer(1800, null, 90, true));
}
