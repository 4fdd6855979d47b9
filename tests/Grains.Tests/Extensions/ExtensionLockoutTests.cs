using Pbx.Grains.Extensions;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Extensions;

public sealed class ExtensionLockoutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly LockoutOptions Options = new() { MaxFailures = 3, Window = TimeSpan.FromMinutes(1), LockoutDuration = TimeSpan.FromMinutes(10) };

    private readonly ExtensionState _state = new();

    [Fact]
    public void Extension_is_locked_out_after_max_failures_within_the_window()
    {
        _state.RecordFailure(T0, Options).ShouldBeFalse();
        _state.RecordFailure(T0.AddSeconds(10), Options).ShouldBeFalse();
        _state.RecordFailure(T0.AddSeconds(20), Options).ShouldBeTrue();

        _state.IsLockedOutFor("203.0.113.9", T0.AddSeconds(21)).ShouldBeTrue();
        var status = _state.LockoutStatus(T0.AddSeconds(21), Options);
        status.LockedUntil.ShouldBe(T0.AddSeconds(20) + TimeSpan.FromMinutes(10));
        status.TotalFailures.ShouldBe(3);
    }

    [Fact]
    public void Lockout_is_released_after_the_duration()
    {
        for (var i = 0; i < 3; i++)
            _state.RecordFailure(T0, Options);
        _state.IsLockedOutFor("203.0.113.9", T0.AddMinutes(10).AddSeconds(-1)).ShouldBeTrue();
        _state.IsLockedOutFor("203.0.113.9", T0.AddMinutes(10)).ShouldBeFalse();
        _state.LockoutStatus(T0.AddMinutes(10), Options).LockedUntil.ShouldBeNull();
    }

    [Fact]
    public void Registered_phone_address_is_spared_by_the_extension_lockout()
    {
        _state.Apply(new RegisterRequest([new RegisterContact("sip:100@192.0.2.7")], false, 600, "c", 1, "192.0.2.7", 5060, "udp", "edge-1", null, []),
            new RegistrarOptions(), 5, T0);
        for (var i = 0; i < 3; i++)
            _state.RecordFailure(T0, Options);

        _state.IsLockedOutFor("203.0.113.9", T0).ShouldBeTrue();
        _state.IsLockedOutFor("192.0.2.7", T0).ShouldBeFalse();
    }

    [Fact]
    public void Success_clears_the_count_but_not_an_engaged_lockout()
    {
        _state.RecordFailure(T0, Options);
        _state.RecordFailure(T0, Options);
        _state.RecordSuccess(T0).ShouldBeTrue();
        _state.RecordFailure(T0, Options).ShouldBeFalse();
        _state.RecordFailure(T0, Options).ShouldBeFalse();
        _state.RecordFailure(T0, Options).ShouldBeTrue();
        _state.RecordSuccess(T0);
        _state.IsLockedOutFor("203.0.113.9", T0).ShouldBeTrue();
    }

    [Fact]
    public void Failures_further_apart_than_the_window_never_lock_out()
    {
        for (var i = 0; i < 20; i++)
            _state.RecordFailure(T0.AddSeconds(31 * i), Options).ShouldBeFalse();
    }

    [Fact]
    public void An_administrator_lifts_an_engaged_lockout_and_the_count_starts_again()
    {
        for (var i = 0; i < 3; i++)
            _state.RecordFailure(T0, Options);

        _state.Unlock().ShouldBeTrue();

        _state.IsLockedOutFor("203.0.113.9", T0).ShouldBeFalse();
        _state.RecordFailure(T0, Options).ShouldBeFalse("the failures before the unlock no longer count");
        _state.Unlock().ShouldBeTrue();
        _state.Unlock().ShouldBeFalse("nothing left to lift");
    }
}
