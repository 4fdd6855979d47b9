using Pbx.EdgeSip.Calls.Reliable;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls.Reliable;

/// <summary>When a reliable provisional response is sent again (RFC 3262 section 3).</summary>
public sealed class SipReliableScheduleTests
{
    private static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Retransmissions_start_at_t1_and_double_without_the_t2_cap()
    {
        var waits = Enumerable.Range(1, 6).Select(n => SipReliableSchedule.Wait(n, T1)).ToList();

        waits.ShouldBe([T1, T1 * 2, T1 * 4, T1 * 8, T1 * 16, T1 * 32]);
    }

    [Fact]
    public void After_the_sixth_retransmission_the_uas_gives_up_at_64_t1()
    {
        SipReliableSchedule.Wait(7, T1).ShouldBeNull();
        var sent = Enumerable.Range(1, 6).Aggregate(TimeSpan.Zero, (total, n) => total + SipReliableSchedule.Wait(n, T1)!.Value);

        (sent + SipReliableSchedule.FinalWait(T1)).ShouldBe(T1 * 64);
    }
}
