using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Tests.Transactions;
using Pbx.Grains.Extensions;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Auth;

public sealed class SourceLockoutTableTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.66");
    private static readonly IPAddress Phone = IPAddress.Parse("127.0.0.10");

    private readonly ManualTimeProvider _time = new();
    private readonly LockoutOptions _options = new()
    {
        MaxFailures = 3,
        Window = TimeSpan.FromMinutes(1),
        LockoutDuration = TimeSpan.FromMinutes(10),
        TrackedAddresses = 256,
    };

    private SourceLockoutTable NewTable() => new(Options.Create(_options), _time, NullLogger<SourceLockoutTable>.Instance);

    [Fact]
    public void Address_is_locked_out_after_max_failures_and_others_are_not()
    {
        var table = NewTable();
        table.RecordFailure(Attacker).ShouldBeFalse();
        table.RecordFailure(Attacker).ShouldBeFalse();
        table.RecordFailure(Attacker).ShouldBeTrue();

        table.IsLocked(Attacker).ShouldBeTrue();
        table.IsLocked(Phone).ShouldBeFalse();
        table.IsLocked(IPAddress.Parse("::ffff:127.0.0.66")).ShouldBeTrue("the IPv4-mapped form is the same source");
    }

    [Fact]
    public void Lockout_is_released_after_the_duration()
    {
        var table = NewTable();
        for (var i = 0; i < 3; i++)
            table.RecordFailure(Attacker);

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        table.IsLocked(Attacker).ShouldBeTrue();
        _time.Advance(TimeSpan.FromSeconds(1));
        table.IsLocked(Attacker).ShouldBeFalse();
        table.RecordFailure(Attacker).ShouldBeFalse("the count starts again after a lockout");
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_do_not_lock_out()
    {
        var table = NewTable();
        for (var i = 0; i < 10; i++)
        {
            table.RecordFailure(Phone).ShouldBeFalse();
            table.RecordFailure(Phone).ShouldBeFalse();
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public void Success_clears_the_count_but_not_an_engaged_lockout()
    {
        var table = NewTable();
        table.RecordFailure(Phone);
        table.RecordFailure(Phone);
        table.RecordSuccess(Phone);
        table.RecordFailure(Phone).ShouldBeFalse();

        for (var i = 0; i < 3; i++)
            table.RecordFailure(Attacker);
        table.RecordSuccess(Attacker);
        table.IsLocked(Attacker).ShouldBeTrue();
    }

    [Fact]
    public void Flood_of_addresses_keeps_memory_bounded_and_keeps_locked_out_addresses()
    {
        var table = NewTable();
        for (var i = 0; i < 3; i++)
            table.RecordFailure(Attacker);

        for (var i = 0; i < 100_000; i++)
            table.RecordFailure(new IPAddress(BitConverter.GetBytes(0x0A000000 + i)));

        table.IsLocked(Attacker).ShouldBeTrue();
    }
}
