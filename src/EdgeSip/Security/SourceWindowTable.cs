using System.Net;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Security;

/// <summary>
/// A <see cref="LockoutWindow"/> per source IP address (events counted in a window, a lock once they reach the limit) in
/// a fixed-size set-associative table: four slots per bucket, striped locks, so each operation is O(1) and a flood of
/// addresses cannot grow memory. When a bucket is full the unlocked entry whose window opened first is forgotten, locked
/// entries last. The same table counts failed logins (<see cref="Auth.SourceLockoutTable"/>) and requests (<see cref="SipFloodGuard"/>).
/// </summary>
internal sealed class SourceWindowTable
{
    private const int Ways = 4;
    private const int LockStripes = 256;

    private readonly Entry[] _entries;
    private readonly int _bucketMask;
    private readonly Lock[] _locks;

    /// <summary>Creates an empty table of <paramref name="capacity"/> slots (a power of two, at least 256).</summary>
    public SourceWindowTable(int capacity)
    {
        _entries = new Entry[capacity];
        _bucketMask = capacity / Ways - 1;
        _locks = new Lock[LockStripes];
        for (var i = 0; i < _locks.Length; i++)
            _locks[i] = new Lock();
    }

    /// <summary>True while <paramref name="address"/> is locked at <paramref name="now"/>.</summary>
    public bool IsLocked(IPAddress address, DateTimeOffset now)
    {
        var key = KeyOf(address);
        var first = BucketOf(key) * Ways;
        lock (LockOf(first))
        {
            var index = Find(first, key);
            return index >= 0 && _entries[index].Window.IsLocked(now);
        }
    }

    /// <summary>
    /// Counts one event from <paramref name="address"/> under <paramref name="policy"/>; true when the address is locked
    /// afterwards. <paramref name="engaged"/> is true when this event started the lock.
    /// </summary>
    public bool Record(IPAddress address, DateTimeOffset now, LockoutOptions policy, out bool engaged)
    {
        var key = KeyOf(address);
        var first = BucketOf(key) * Ways;
        lock (LockOf(first))
        {
            var index = Find(first, key);
            if (index < 0)
            {
                index = Victim(first, now);
                _entries[index] = new Entry { Key = key, Used = true };
            }
            ref var entry = ref _entries[index];
            entry.Window = entry.Window.RecordFailure(now, policy, out engaged);
            return entry.Window.IsLocked(now);
        }
    }

    /// <summary>Forgets the events counted for <paramref name="address"/>; a lock in force stays.</summary>
    public void Reset(IPAddress address, DateTimeOffset now)
    {
        var key = KeyOf(address);
        var first = BucketOf(key) * Ways;
        lock (LockOf(first))
        {
            var index = Find(first, key);
            if (index >= 0)
                _entries[index].Window = _entries[index].Window.RecordSuccess(now);
        }
    }

    private Lock LockOf(int first) => _locks[first / Ways & (LockStripes - 1)];

    private int Find(int first, UInt128 key)
    {
        for (var i = first; i < first + Ways; i++)
        {
            if (_entries[i].Used && _entries[i].Key == key)
                return i;
        }
        return -1;
    }

    // Prefer a free slot, then the unlocked entry whose window opened first, then the lock that ends first.
    private int Victim(int first, DateTimeOffset now)
    {
        var victim = first;
        for (var i = first; i < first + Ways; i++)
        {
            ref readonly var candidate = ref _entries[i];
            if (!candidate.Used)
                return i;
            ref readonly var best = ref _entries[victim];
            var candidateLocked = candidate.Window.IsLocked(now);
            var bestLocked = best.Window.IsLocked(now);
            if (candidateLocked != bestLocked)
            {
                if (bestLocked)
                    victim = i;
            }
            else if (candidateLocked ? candidate.Window.LockedUntil < best.Window.LockedUntil : candidate.Window.WindowStart < best.Window.WindowStart)
            {
                victim = i;
            }
        }
        return victim;
    }

    private int BucketOf(UInt128 key) => (int)((ulong)key ^ (ulong)(key >> 64) ^ (ulong)(key >> 29)) & _bucketMask;

    private static UInt128 KeyOf(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
            throw new ArgumentException($"Address {address} did not fit 16 bytes.", nameof(address));
        // IPv4 and its IPv4-mapped IPv6 form (dual-stack sockets) must share one entry.
        if (written == 4)
        {
            bytes[..4].CopyTo(bytes[12..]);
            bytes[..10].Clear();
            bytes[10] = 0xFF;
            bytes[11] = 0xFF;
        }
        return new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    private struct Entry
    {
        public UInt128 Key;
        public bool Used;
        public LockoutWindow Window;
    }
}
