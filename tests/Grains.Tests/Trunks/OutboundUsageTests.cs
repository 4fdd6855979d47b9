using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

/// <summary>An extension's outbound limits, call by call, on a clock the test moves.</summary>
public sealed class OutboundUsageTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(5));
    private static readonly DateTimeOffset Morning = Midnight.AddHours(9);

    [Fact]
    public void Calls_at_once_are_limited_and_a_call_that_ended_frees_its_place()
    {
        var usage = Empty();
        var limits = new OutboundLimits(Concurrent: 2, PerHour: 0, MinutesPerDay: 0);

        usage.TryStart("a", limits, Morning, Midnight).ShouldBe(OutboundLimitHit.None);
        usage.TryStart("b", limits, Morning, Midnight).ShouldBe(OutboundLimitHit.None);
        usage.TryStart("c", limits, Morning, Midnight).ShouldBe(OutboundLimitHit.Concurrent);
        usage.End("a", 30, Morning.AddMinutes(1), Midnight);
        usage.TryStart("c", limits, Morning.AddMinutes(1), Midnight).ShouldBe(OutboundLimitHit.None);
        usage.OpenCalls.ShouldBe(2);
    }

    [Fact]
    public void Calls_per_hour_count_a_sliding_hour_not_the_clock_hour()
    {
        var usage = Empty();
        var limits = new OutboundLimits(Concurrent: 0, PerHour: 2, MinutesPerDay: 0);
        usage.TryStart("a", limits, Morning.AddMinutes(58), Midnight).ShouldBe(OutboundLimitHit.None);
        usage.TryStart("b", limits, Morning.AddMinutes(59), Midnight).ShouldBe(OutboundLimitHit.None);

        usage.TryStart("c", limits, Morning.AddMinutes(61), Midnight).ShouldBe(OutboundLimitHit.PerHour, "10:01 still sees 09:58 and 09:59");
        usage.TryStart("c", limits, Morning.AddMinutes(118), Midnight).ShouldBe(OutboundLimitHit.None, "09:58 has left the hour");
    }

    [Fact]
    public void Talk_minutes_are_a_daily_budget_that_the_organisations_midnight_renews()
    {
        var usage = Empty();
        var limits = new OutboundLimits(Concurrent: 0, PerHour: 0, MinutesPerDay: 10);
        usage.TryStart("a", limits, Morning, Midnight).ShouldBe(OutboundLimitHit.None);
        usage.End("a", 9 * 60 + 59, Morning.AddMinutes(10), Midnight);
        usage.TryStart("b", limits, Morning.AddMinutes(11), Midnight).ShouldBe(OutboundLimitHit.None, "9:59 of 10 minutes used");
        usage.End("b", 1, Morning.AddMinutes(12), Midnight);

        usage.TryStart("c", limits, Morning.AddMinutes(13), Midnight).ShouldBe(OutboundLimitHit.MinutesPerDay);
        usage.TryStart("c", limits, Midnight.AddDays(1).AddMinutes(1), Midnight.AddDays(1)).ShouldBe(OutboundLimitHit.None);
    }

    [Fact]
    public void A_call_counted_already_goes_out_again_and_one_never_counted_frees_nothing()
    {
        var usage = Empty();
        var limits = new OutboundLimits(Concurrent: 1, PerHour: 1, MinutesPerDay: 0);
        usage.TryStart("a", limits, Morning, Midnight).ShouldBe(OutboundLimitHit.None);

        usage.TryStart("a", limits, Morning, Midnight).ShouldBe(OutboundLimitHit.None, "the same call forwarded out again");
        usage.End("refused", 0, Morning, Midnight);
        usage.OpenCalls.ShouldBe(1);
    }

    [Fact]
    public void Usage_read_from_the_cdrs_counts_as_if_the_calls_had_been_made_here()
    {
        var usage = new OutboundUsage([Morning.AddMinutes(-30), Morning.AddMinutes(-10)], ["still-up"], talkSecondsToday: 600, Midnight);

        usage.TryStart("x", new OutboundLimits(1, 0, 0), Morning, Midnight).ShouldBe(OutboundLimitHit.Concurrent);
        usage.TryStart("x", new OutboundLimits(0, 2, 0), Morning, Midnight).ShouldBe(OutboundLimitHit.PerHour);
        usage.TryStart("x", new OutboundLimits(0, 0, 10), Morning, Midnight).ShouldBe(OutboundLimitHit.MinutesPerDay);
        usage.TryStart("x", OutboundLimits.Default, Morning, Midnight).ShouldBe(OutboundLimitHit.None);
    }

    private static OutboundUsage Empty() => new([], [], 0, Midnight);
}
