using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

public sealed class TrunkRegistrationStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    [Fact]
    public void Long_binding_is_refreshed_the_margin_before_it_expires()
    {
        var state = new TrunkRegistrationState();

        state.Registered(TimeSpan.FromSeconds(3600), Margin, Now);

        state.Phase.ShouldBe(TrunkRegistrationPhase.Registered);
        state.ExpiresAt.ShouldBe(Now.AddSeconds(3600));
        state.NextAttemptAt.ShouldBe(Now.AddSeconds(3570));
    }

    [Fact]
    public void Short_binding_granted_by_the_carrier_is_refreshed_at_half_its_life()
    {
        var state = new TrunkRegistrationState();

        state.Registered(TimeSpan.FromSeconds(20), Margin, Now);

        state.NextAttemptAt.ShouldBe(Now.AddSeconds(10));
    }

    [Fact]
    public void Failures_back_off_exponentially_up_to_the_cap_and_a_success_resets_them()
    {
        var state = new TrunkRegistrationState();
        var waits = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            state.Failed("503 Service Unavailable", MinBackoff, MaxBackoff, Now);
            waits.Add((state.NextAttemptAt - Now).TotalSeconds);
        }

        waits.ShouldBe([2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        state.Phase.ShouldBe(TrunkRegistrationPhase.Failed);
        state.FailureReason.ShouldBe("503 Service Unavailable");

        state.Registered(TimeSpan.FromSeconds(600), Margin, Now);
        state.Failures.ShouldBe(0);
        state.FailureReason.ShouldBeNull();
        state.Failed("timeout", MinBackoff, MaxBackoff, Now);
        (state.NextAttemptAt - Now).ShouldBe(MinBackoff);
    }

    [Fact]
    public void A_failed_refresh_keeps_the_binding_expiry_until_it_lapses()
    {
        var state = new TrunkRegistrationState();
        state.Registered(TimeSpan.FromSeconds(120), Margin, Now);

        state.Failed("timeout", MinBackoff, MaxBackoff, Now.AddSeconds(90));
        state.ExpiresAt.ShouldBe(Now.AddSeconds(120));

        state.Failed("timeout", MinBackoff, MaxBackoff, Now.AddSeconds(130));
        state.ExpiresAt.ShouldBeNull();
    }

    [Fact]
    public void A_change_of_settings_forgets_the_old_binding_and_its_failures_at_once()
    {
        var state = new TrunkRegistrationState();
        state.Registered(TimeSpan.FromSeconds(3600), Margin, Now);
        state.Failed("403 Forbidden", MinBackoff, MaxBackoff, Now.AddSeconds(10));

        state.Reconfigured(Now.AddSeconds(20));

        state.Phase.ShouldBe(TrunkRegistrationPhase.Registering);
        state.ExpiresAt.ShouldBeNull();
        state.FailureReason.ShouldBeNull();
        state.FailedAt.ShouldBeNull();
        state.Failures.ShouldBe(0);
    }

    [Fact]
    public void An_outcome_of_a_register_sent_with_the_old_settings_is_stale_and_one_with_the_new_is_not()
    {
        var state = new TrunkRegistrationState();
        var changed = Now.AddSeconds(20);
        state.Reconfigured(changed);

        state.IsStale(new TrunkRegisterOutcome(true, TimeSpan.FromSeconds(3600), "200 OK", Now)).ShouldBeTrue();
        state.IsStale(new TrunkRegisterOutcome(true, TimeSpan.FromSeconds(3600), "200 OK", changed)).ShouldBeFalse();
        state.IsStale(new TrunkRegisterOutcome(true, TimeSpan.FromSeconds(3600), "200 OK")).ShouldBeFalse("an edge that names no version is believed");
    }

    [Fact]
    public void A_failure_keeps_when_it_happened_until_the_next_success()
    {
        var state = new TrunkRegistrationState();

        state.Failed("408 Request Timeout", MinBackoff, MaxBackoff, Now);
        state.FailedAt.ShouldBe(Now);
        state.Registered(TimeSpan.FromSeconds(3600), Margin, Now.AddSeconds(5));

        state.FailedAt.ShouldBeNull();
    }
}
