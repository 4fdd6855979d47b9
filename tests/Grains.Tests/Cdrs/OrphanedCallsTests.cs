using System.Collections.Immutable;
using System.Net;
using Orleans.Runtime;
using Pbx.Grains.Calls;
using Pbx.Grains.Cdrs;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Cdrs;

/// <summary>The recovery pass's rules: which silos still own calls, and when a call left by a gone silo is over.</summary>
public sealed class OrphanedCallsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(4);

    [Fact]
    public void Every_member_not_declared_dead_is_live_and_a_silo_not_in_the_membership_is_not()
    {
        var active = Silo(11111, 1);
        var joining = Silo(11112, 2);
        var stopping = Silo(11113, 3);
        var dead = Silo(11114, 4);
        var snapshot = new ClusterMembershipSnapshot(
            ImmutableDictionary<SiloAddress, ClusterMember>.Empty
                .Add(active, new ClusterMember(active, SiloStatus.Active, "a"))
                .Add(joining, new ClusterMember(joining, SiloStatus.Joining, "b"))
                .Add(stopping, new ClusterMember(stopping, SiloStatus.ShuttingDown, "c"))
                .Add(dead, new ClusterMember(dead, SiloStatus.Dead, "d")),
            new MembershipVersion(7));

        var live = OrphanedCalls.LiveSilos(snapshot);

        live.ShouldBe([active.ToParsableString(), joining.ToParsableString(), stopping.ToParsableString()], ignoreOrder: true);
        live.ShouldNotContain(dead.ToParsableString());
        live.ShouldNotContain(Silo(11111, 0).ToParsableString(), "an earlier generation on the same endpoint is another silo");
    }

    [Theory]
    [InlineData(CallPhase.None, true)]
    [InlineData(CallPhase.Ended, true)]
    [InlineData(CallPhase.Ringing, false)]
    [InlineData(CallPhase.Answered, false)]
    public void A_call_is_over_when_its_grain_has_none_going_on(CallPhase phase, bool over) =>
        OrphanedCalls.CallIsOver(Info(phase, Now.AddMinutes(-5)), Now, MaxDuration).ShouldBe(over);

    [Fact]
    public void An_answered_call_past_the_maximum_duration_is_over_as_nobody_will_hang_it_up()
    {
        OrphanedCalls.CallIsOver(Info(CallPhase.Answered, Now - MaxDuration), Now, MaxDuration).ShouldBeFalse("within the margin");
        OrphanedCalls.CallIsOver(Info(CallPhase.Answered, Now - MaxDuration - TimeSpan.FromMinutes(2)), Now, MaxDuration).ShouldBeTrue();
    }

    [Fact]
    public void A_grain_that_did_not_answer_is_asked_again_rather_than_closed() =>
        OrphanedCalls.CallIsOver(null, Now, MaxDuration).ShouldBeFalse();

    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);

    private static CallInfo Info(CallPhase phase, DateTimeOffset startedAt) => new("a@host", "1001", null, "1002", phase, startedAt, null, null);
}
