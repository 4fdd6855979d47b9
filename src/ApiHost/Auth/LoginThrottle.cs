using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// Slows password guessing without letting a guesser lock anyone out: failures are counted per (account, source address)
/// and per source address across accounts (password spraying), each with its own exponential <see cref="LoginBackoff"/>.
/// A guesser at one address therefore delays only itself: the account's owner signs in from another address at once. A
/// user name is counted whether or not such an account exists, so a wait tells nothing about which accounts exist. Kept in
/// this API host's memory (per host, like the per-minute limit) and bounded: past <see cref="Capacity"/> keys, the keys not
/// waiting are forgotten first.
/// </summary>
internal sealed class LoginThrottle(IOptions<LoginOptions> options, TimeProvider clock)
{
    /// <summary>Keys kept at most before the ones not waiting are dropped.</summary>
    internal const int Capacity = 100_000;

    // A user name is only a key here: a 1 MB one would otherwise be kept as a 1 MB key.
    private const int KeyedNameLength = 256;

    private readonly ConcurrentDictionary<string, LoginBackoff> _keys = new(StringComparer.Ordinal);

    /// <summary>How long a sign-in as <paramref name="username"/> from <paramref name="source"/> must still wait; zero when it may go ahead.</summary>
    public TimeSpan WaitFor(string username, IPAddress? source)
    {
        var now = clock.GetUtcNow();
        var pair = _keys.GetValueOrDefault(PairKey(username, source)).Remaining(now);
        var address = _keys.GetValueOrDefault(SourceKey(source)).Remaining(now);
        return pair > address ? pair : address;
    }

    /// <summary>Counts a failed sign-in (wrong password or unknown user) against the pair and the source.</summary>
    public void Failed(string username, IPAddress? source)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow();
        Count(PairKey(username, source), limits.FailuresBeforeBackoff, now, limits);
        Count(SourceKey(source), limits.SourceFailuresBeforeBackoff, now, limits);
        if (_keys.Count > Capacity)
            ForgetIdle(now);
    }

    /// <summary>A right password: the pair starts afresh (the source's count stays, so one known account does not reset a sprayer).</summary>
    public void Succeeded(string username, IPAddress? source) => _keys.TryRemove(PairKey(username, source), out _);

    private void Count(string key, int threshold, DateTimeOffset now, LoginOptions limits) =>
        _keys.AddOrUpdate(key,
            static (_, a) => default(LoginBackoff).Failed(a.now, a.threshold, a.first, a.max),
            static (_, old, a) => old.Failed(a.now, a.threshold, a.first, a.max),
            (now, threshold, first: limits.FirstBackoff, max: limits.MaxBackoff));

    private void ForgetIdle(DateTimeOffset now)
    {
        foreach (var (key, backoff) in _keys)
        {
            if (backoff.Remaining(now) == TimeSpan.Zero)
                _keys.TryRemove(KeyValuePair.Create(key, backoff));
        }
    }

    private static string SourceKey(IPAddress? source) => $"source\n{source}";

    private static string PairKey(string username, IPAddress? source) =>
        $"pair\n{source}\n{(username.Length > KeyedNameLength ? username[..KeyedNameLength] : username)}";
}
