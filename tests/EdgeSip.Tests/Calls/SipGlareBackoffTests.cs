using Pbx.EdgeSip.Calls;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls;

/// <summary>The wait before a re-INVITE refused with 491 goes again (RFC 3261 14.1).</summary>
public sealed class SipGlareBackoffTests
{
    [Fact]
    public void Owner_of_the_call_id_waits_2_1_to_4_s_and_the_other_side_0_to_2_s_in_10_ms_units()
    {
        var random = new Random(1);
        var owner = Enumerable.Range(0, 2000).Select(_ => SipGlareBackoff.Wait(ownsCallId: true, random)).ToList();
        var other = Enumerable.Range(0, 2000).Select(_ => SipGlareBackoff.Wait(ownsCallId: false, random)).ToList();

        owner.ShouldAllBe(wait => wait >= TimeSpan.FromMilliseconds(2100) && wait <= TimeSpan.FromSeconds(4) && wait.Ticks % TimeSpan.TicksPerMillisecond == 0 && wait.Milliseconds % 10 == 0);
        other.ShouldAllBe(wait => wait >= TimeSpan.Zero && wait <= TimeSpan.FromSeconds(2) && wait.Milliseconds % 10 == 0);
        // Both ends of each range are reachable, so the two sides' waits never overlap yet cover the RFC's ranges.
        (owner.Min(), owner.Max()).ShouldBe((TimeSpan.FromMilliseconds(2100), TimeSpan.FromSeconds(4)));
        (other.Min(), other.Max()).ShouldBe((TimeSpan.Zero, TimeSpan.FromSeconds(2)));
    }
}
