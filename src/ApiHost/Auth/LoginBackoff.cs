namespace Pbx.ApiHost.Auth;

/// <summary>
/// The failed sign-ins of one key (an account from one source address, or a source address across accounts) and the wait
/// they have earned: none for the first <c>threshold - 1</c> failures, then <c>first</c>, doubling with each further
/// failure up to <c>max</c>. A key with no failure for <c>max</c> after its wait ended starts afresh. Pure, so the rule is
/// tested without a host; <see cref="LoginThrottle"/> keeps one per key.
/// </summary>
/// <param name="Failures">Failures counted since the key started afresh.</param>
/// <param name="WaitUntil">No attempt is taken before this (the last failure's time while under the threshold).</param>
internal readonly record struct LoginBackoff(int Failures, DateTimeOffset WaitUntil)
{
    /// <summary>The record after one more failure at <paramref name="now"/>.</summary>
    public LoginBackoff Failed(DateTimeOffset now, int threshold, TimeSpan first, TimeSpan max)
    {
        var failures = IsForgotten(now, max) ? 1 : Failures + 1;
        if (failures < threshold)
            return new LoginBackoff(failures, now);
        // 2^(failures - threshold), without overflowing once the doubling has long passed the cap.
        var doublings = Math.Min(failures - threshold, 30);
        var wait = TimeSpan.FromTicks(Math.Min(first.Ticks << doublings, max.Ticks));
        return new LoginBackoff(failures, now + wait);
    }

    /// <summary>How long an attempt must still wait at <paramref name="now"/>; zero when it may go ahead.</summary>
    public TimeSpan Remaining(DateTimeOffset now) => WaitUntil > now ? WaitUntil - now : TimeSpan.Zero;

    /// <summary>Whether the failures no longer count: <paramref name="max"/> has passed since the wait ended.</summary>
    public bool IsForgotten(DateTimeOffset now, TimeSpan max) => now >= WaitUntil + max;
}
