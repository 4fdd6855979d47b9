using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>
/// Failed-login counter with lockout, as a pure value: the edge keeps one per source address, the extension grain one
/// per extension. Failures are counted in a fixed window opened by the first one; reaching the limit locks out for the
/// configured duration and starts a fresh count.
/// </summary>
/// <param name="Failures">Failures counted in the current window.</param>
/// <param name="WindowStart">When the current window opened.</param>
/// <param name="LockedUntil">End of the lockout, or null.</param>
[GenerateSerializer, Immutable]
public readonly record struct LockoutWindow(int Failures, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil)
{
    /// <summary>True while a lockout is in force at <paramref name="now"/>.</summary>
    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    /// <summary>The window after one more failure at <paramref name="now"/>; <paramref name="engaged"/> is true when this failure started a lockout.</summary>
    public LockoutWindow RecordFailure(DateTimeOffset now, LockoutOptions options, out bool engaged)
    {
        engaged = false;
        if (IsLocked(now))
            return this;
        var failures = now - WindowStart >= options.Window || Failures == 0 ? 1 : Failures + 1;
        var windowStart = failures == 1 ? now : WindowStart;
        if (failures < options.MaxFailures)
            return new LockoutWindow(failures, windowStart, null);
        engaged = true;
        return new LockoutWindow(0, now, now + options.LockoutDuration);
    }

    /// <summary>The window after a successful login: the count restarts; an engaged lockout stays until it ends.</summary>
    public LockoutWindow RecordSuccess(DateTimeOffset now) => IsLocked(now) ? this : default;

    /// <summary>Failures that still count at <paramref name="now"/>.</summary>
    public int RecentFailures(DateTimeOffset now, LockoutOptions options)
        => now - WindowStart >= options.Window ? 0 : Failures;
}
