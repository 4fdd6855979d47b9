namespace Pbx.Grains.Extensions;

public sealed partial class ExtensionState
{
    /// <summary>Failed logins for this extension in the current window, and its lockout.</summary>
    public LockoutWindow Lockout { get; set; }

    /// <summary>Failed logins counted since the state was created, for the status page.</summary>
    public long TotalFailures { get; set; }

    /// <summary>
    /// True when the per-extension lockout refuses a login from <paramref name="sourceAddress"/>. An address where the
    /// extension holds an active binding is spared: that is the phone that already proved the password, and a guesser
    /// elsewhere must not be able to cut it off.
    /// </summary>
    public bool IsLockedOutFor(string sourceAddress, DateTimeOffset now)
        => Lockout.IsLocked(now) && !HasBindingFrom(sourceAddress, now);

    /// <summary>Counts a failed login; true when this failure engaged the lockout.</summary>
    public bool RecordFailure(DateTimeOffset now, LockoutOptions options)
    {
        TotalFailures++;
        Lockout = Lockout.RecordFailure(now, options, out var engaged);
        return engaged;
    }

    /// <summary>Clears the failure count after a successful login; true when anything changed.</summary>
    public bool RecordSuccess(DateTimeOffset now)
    {
        var before = Lockout;
        Lockout = Lockout.RecordSuccess(now);
        return before != Lockout;
    }

    /// <summary>An administrator lifts the lockout and forgets the failures counted so far; true when it was locked or counting.</summary>
    public bool Unlock()
    {
        var before = Lockout;
        Lockout = default;
        return before != Lockout;
    }

    /// <summary>The lockout as the status page shows it.</summary>
    public LockoutStatus LockoutStatus(DateTimeOffset now, LockoutOptions options)
        => new(Lockout.RecentFailures(now, options), Lockout.IsLocked(now) ? Lockout.LockedUntil : null, TotalFailures);
}
