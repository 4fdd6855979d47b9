using Microsoft.Extensions.Options;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Highest nonce count seen per nonce (RFC 7616 section 3.4: "the server ... can detect replays by noting nc-values
/// already used"), in a fixed-size set-associative table: four slots per bucket, a lock per bucket stripe, so every
/// check is O(1) and memory never grows. When a bucket is full the oldest entry is evicted and a high-water mark of
/// evicted issue times is kept: an unknown nonce issued at or before that mark may have been used, so it is answered
/// stale (a fresh challenge), never accepted twice.
/// </summary>
public sealed class NonceCountTable
{
    private const int Ways = 4;
    private const int LockStripes = 256;

    private readonly Entry[] _entries;
    private readonly int _bucketMask;
    private readonly object[] _locks;
    private readonly long _lifetimeMs;
    private long _evictedUpToMs = long.MinValue;

    /// <summary>Creates an empty table of <see cref="DigestOptions.NonceCountCapacity"/> slots.</summary>
    public NonceCountTable(IOptions<DigestOptions> options)
    {
        var capacity = options.Value.NonceCountCapacity;
        _entries = new Entry[capacity];
        _bucketMask = capacity / Ways - 1;
        _lifetimeMs = (long)options.Value.NonceLifetime.TotalMilliseconds;
        _locks = new object[LockStripes];
        for (var i = 0; i < _locks.Length; i++)
            _locks[i] = new object();
    }

    /// <summary>Records <paramref name="nonceCount"/> for <paramref name="nonce"/> if it is higher than any seen before.</summary>
    /// <param name="nonce">A nonce whose MAC verified.</param>
    /// <param name="nonceCount">The request's nc.</param>
    /// <param name="nowMs">Current time, Unix milliseconds, to tell expired entries (free to reuse) from live ones.</param>
    public NonceCountResult Check(DigestNonce nonce, uint nonceCount, long nowMs)
    {
        var bucket = (int)(nonce.Tag >> 8) & _bucketMask;
        var first = bucket * Ways;
        lock (_locks[bucket & (LockStripes - 1)])
        {
            var victim = first;
            for (var i = first; i < first + Ways; i++)
            {
                ref var entry = ref _entries[i];
                if (entry.Tag == nonce.Tag && entry.IssuedAtMs == nonce.IssuedAtMs)
                {
                    if (nonceCount <= entry.HighestCount)
                        return NonceCountResult.Replayed;
                    entry.HighestCount = nonceCount;
                    return NonceCountResult.Accepted;
                }
                if (entry.IssuedAtMs < _entries[victim].IssuedAtMs)
                    victim = i;
            }
            if (nonce.IssuedAtMs <= Volatile.Read(ref _evictedUpToMs))
                return NonceCountResult.Forgotten;
            ref var slot = ref _entries[victim];
            if (slot.Tag != 0 && nowMs - slot.IssuedAtMs < _lifetimeMs)
                RaiseEvictedMark(slot.IssuedAtMs);
            slot = new Entry { Tag = nonce.Tag, IssuedAtMs = nonce.IssuedAtMs, HighestCount = nonceCount };
            return NonceCountResult.Accepted;
        }
    }

    // Written under the victim's bucket lock, which is the lock any later lookup of that nonce takes, so the lookup sees it.
    private void RaiseEvictedMark(long issuedAtMs)
    {
        var current = Volatile.Read(ref _evictedUpToMs);
        while (issuedAtMs > current)
        {
            var seen = Interlocked.CompareExchange(ref _evictedUpToMs, issuedAtMs, current);
            if (seen == current)
                return;
            current = seen;
        }
    }

    private struct Entry
    {
        public ulong Tag;
        public long IssuedAtMs;
        public uint HighestCount;
    }
}
