using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

/// <summary><see cref="LoginBackoff"/>: no wait below the threshold, then a doubling wait up to the cap; idle keys start afresh.</summary>
public sealed class LoginBackoffRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(8);

    [Fact]
    public void The_wait_starts_at_the_threshold_and_doubles_up_to_the_cap()
    {
        var backoff = default(LoginBackoff);
        var waits = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            backoff = backoff.Failed(T0, threshold: 3, First, Max);
            waits.Add(backoff.Remaining(T0).TotalSeconds);
        }

        waits.ShouldBe([0, 0, 1, 2, 4, 8, 8, 8]);
    }

    [Fact]
    public void Failures_are_forgotten_once_the_cap_has_passed_after_the_wait()
    {
        var backoff = default(LoginBackoff).Failed(T0, 1, First, Max).Failed(T0, 1, First, Max);
        backoff.Remaining(T0).ShouldBe(TimeSpan.FromSeconds(2));

        var later = T0 + TimeSpan.FromSeconds(2) + Max;

        backoff.IsForgotten(later - TimeSpan.FromTicks(1), Max).ShouldBeFalse();
        backoff.IsForgotten(later, Max).ShouldBeTrue();
        backoff.Failed(later, 1, First, Max).ShouldBe(new LoginBackoff(1, later + First));
    }

    [Fact]
    public void A_long_run_of_failures_stays_at_the_cap_without_overflowing()
    {
        var backoff = new LoginBackoff(int.MaxValue / 2, T0);

        backoff.Failed(T0, 3, First, TimeSpan.FromDays(1)).Remaining(T0).ShouldBe(TimeSpan.FromDays(1));
    }
}
