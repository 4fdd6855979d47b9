using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Auth;

/// <summary>
/// Failed logins per source IP address, with lockout: a guesser is cut off at the edge before any grain call, while every
/// other address keeps working. A fixed-size set-associative table (four slots per bucket, striped locks), so each
/// operation is O(1) and a flood of addresses cannot grow memory; locked-out entries are the last to be evicted.
/// </summary>
public sealed partial class SourceLockoutTable
{
    private const int Ways = 4;
    private const int LockStripes = 256;

    private readonly Entry[] _entries;
    private readonly int _bucketMask;
    private readonly object[] _locks;
    private readonly LockoutOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SourceLockoutTable> _logger;

    /// <summary>Creates an empty table of <see cref="LockoutOptions.TrackedAddresses"/> slots.</summary>
    public SourceLockoutTable(IOptions<LockoutOptions> options, TimeProvider time, ILogger<SourceLockoutTable> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _entries = new Entry[_options.TrackedAddresses];
        _bucketMask = _entries.Length / Ways - 1;
        _locks = new object[LockStripes];
        for (var i = 0; i < _locks.Length; i++)
            _locks[i] = new object();
    }

    /// <summary>True while <paramref name="address"/> is locked out: answer 403 without checking credentials.</summary>
    public bool IsLocked(IPAddress address)
    {
        var key = KeyOf(address);
        var now = _time.GetUtcNow();
        var first = BucketOf(key) * Ways;
        lock (_locks[first / Ways & (LockStripes - 1)])
        {
            var index = Find(first, key);
            return index >= 0 && _entries[index].Window.IsLocked(now);
        }
    }

    /// <summary>Counts a failed login from <paramref name="address"/>; true when the address is locked out afterwards.</summary>
    public bool RecordFailure(IPAddress address)
    {
        var key = KeyOf(address);
        var now = _time.GetUtcNow();
        var first = BucketOf(key) * Ways;
        LockoutWindow window;
        bool engaged;
        lock (_locks[first / Ways & (LockStripes - 1)])
        {
            var index = Find(first, key);
            if (index < 0)
            {
                index = Victim(first, now);
                _entries[index] = new Entry { Key = key, Used = true };
            }
            ref var entry = ref _entries[index];
            entry.Window = entry.Window.RecordFailure(now, _options, out engaged);
            window = entry.Window;
        }
        if (engaged)
            LogAddressLockedOut(address, _options.MaxFailures, _options.LockoutDuration);
        return window.IsLocked(now);
    }

    /// <summary>Forgets the failures of <paramref name="address"/> after a successful login (a lockout in force stays).</summary>
    public void RecordSuccess(IPAddress address)
    {
        var key = KeyOf(address);
        var now = _time.GetUtcNow();
        var first = BucketOf(key) * Ways;
        lock (_locks[first / Ways & (LockStripes - 1)])
        {
            var index = Find(first, key);
            if (index >= 0)
                _entries[index].Window = _entries[index].Window.RecordSuccess(now);
        }
    }

    private int Find(int first, UInt128 key)
    {
        for (var i = first; i < first + Ways; i++)
        {
            if (_entries[i].Used && _entries[i].Key == key)
                return i;
        }
        return -1;
    }

    // Prefer a free slot, then the unlocked entry whose window opened first, then the lockout that ends first.
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
