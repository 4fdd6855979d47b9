using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// Timer J of every UDP non-INVITE server transaction (RFC 3261 17.2.2): each final response lingers 64*T1 to answer
/// retransmissions of its request, then is forgotten (an acknowledged INVITE's key lingers with no response, to absorb
/// retransmissions until timer L, RFC 6026). At 8,000 REGISTER/s that is over 400,000 responses at any time;
/// held as objects (key, endpoint, bytes, dictionary node) they were most of the heap, and every one was promoted
/// through each GC generation, so collections paused the edge for tens of milliseconds. Here an entry is a few hundred
/// bytes appended to large reused chunks, found through a dictionary of plain numbers: nothing per entry for the GC to
/// trace. The delay is the same for all, so entries expire in the order they were added, from the oldest chunk on.
/// </summary>
internal sealed class LingeringResponseStore
{
    private const int ChunkSize = 1 << 20;
    // Deadline, key hash, key length, transport, address length, port, address (16), response length.
    private const int HeaderSize = 8 + 8 + 2 + 1 + 1 + 2 + 16 + 4;
    private readonly TimeProvider _time;
    private readonly TimeSpan _linger;
    private readonly Lock _gate = new();
    // Live chunks, oldest first; positions count bytes from the first chunk ever used, so they never repeat.
    private readonly List<byte[]> _chunks = [];
    private readonly Stack<byte[]> _spare = new();
    private readonly Dictionary<ulong, long> _positions = [];
    private long _head;
    private long _tail;
    private long _firstChunkStart;
    private readonly DeadlineSweep _sweep;

    public LingeringResponseStore(TimeProvider time, TimeSpan linger)
    {
        _time = time;
        _linger = linger;
        _sweep = new DeadlineSweep(time, ExpireDue);
    }

    /// <summary>Responses lingering now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _positions.Count;
        }
    }

    /// <summary>Keeps <paramref name="response"/>, sent to <paramref name="source"/>, as the answer to retransmissions of <paramref name="key"/>.</summary>
    public void Add(string key, SipEndPoint source, byte[] response)
    {
        var keyBytes = key.Length * sizeof(char);
        var size = HeaderSize + keyBytes + response.Length;
        if (size > ChunkSize)
            return; // A UDP datagram is at most 64 KB: cannot happen, and not answering a retransmission is safe.
        var hash = Hash(key);
        lock (_gate)
        {
            var entry = Reserve(size);
            var deadline = _time.GetUtcNow() + _linger;
            BinaryPrimitives.WriteInt64LittleEndian(entry, deadline.UtcTicks);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], hash);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[16..], (ushort)key.Length);
            entry[18] = (byte)source.Transport;
            var address = entry.Slice(22, 16);
            source.Remote.Address.TryWriteBytes(address, out var addressLength);
            entry[19] = (byte)addressLength;
            BinaryPrimitives.WriteUInt16LittleEndian(entry[20..], (ushort)source.Remote.Port);
            BinaryPrimitives.WriteInt32LittleEndian(entry[38..], response.Length);
            MemoryMarshal.AsBytes(key.AsSpan()).CopyTo(entry[HeaderSize..]);
            response.CopyTo(entry[(HeaderSize + keyBytes)..]);
            _positions[hash] = _tail - size;
            _sweep.Added(_linger);
        }
    }

    /// <summary>True when a response for <paramref name="key"/> is lingering.</summary>
    public bool Contains(string key)
    {
        lock (_gate)
            return Find(key).Length > 0;
    }

    /// <summary>The lingering response for <paramref name="key"/> and where it went, copied out (its chunk is reused later).</summary>
    public bool TryGet(string key, out SipEndPoint source, out byte[] response)
    {
        lock (_gate)
        {
            var entry = Find(key);
            if (entry.Length == 0)
            {
                source = null!;
                response = [];
                return false;
            }
            var address = new IPAddress(entry.Slice(22, entry[19]));
            source = new SipEndPoint((SipTransportKind)entry[18], new IPEndPoint(address, BinaryPrimitives.ReadUInt16LittleEndian(entry[20..])));
            var keyBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[16..]) * sizeof(char);
            response = entry.Slice(HeaderSize + keyBytes, BinaryPrimitives.ReadInt32LittleEndian(entry[38..])).ToArray();
            return true;
        }
    }

    /// <summary>Under the lock: the entry of <paramref name="key"/>, empty when none (or another key with the same hash).</summary>
    private Span<byte> Find(string key)
    {
        if (!_positions.TryGetValue(Hash(key), out var position))
            return [];
        var entry = EntryAt(position);
        var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[16..]);
        var stored = MemoryMarshal.Cast<byte, char>(entry.Slice(HeaderSize, keyLength * sizeof(char)));
        return stored.SequenceEqual(key) ? entry : [];
    }

    /// <summary>Under the lock: room for <paramref name="size"/> bytes at the tail, starting a new chunk when the last is full.</summary>
    private Span<byte> Reserve(int size)
    {
        var chunkStart = _firstChunkStart + ((long)_chunks.Count - 1) * ChunkSize;
        if (_chunks.Count == 0 || _tail + size > chunkStart + ChunkSize)
        {
            // Entries never straddle chunks: the rest of a full chunk is skipped, the sweep steps over it.
            chunkStart = _chunks.Count == 0 ? _firstChunkStart : chunkStart + ChunkSize;
            _chunks.Add(_spare.TryPop(out var spare) ? spare : new byte[ChunkSize]);
            if (_chunks.Count == 1)
                _head = chunkStart;
            _tail = chunkStart;
        }
        var chunk = _chunks[^1];
        var offset = (int)(_tail - chunkStart);
        _tail += size;
        return chunk.AsSpan(offset, size);
    }

    private Span<byte> EntryAt(long position)
    {
        var index = (int)((position - _firstChunkStart) / ChunkSize);
        var offset = (int)((position - _firstChunkStart) % ChunkSize);
        return _chunks[index].AsSpan(offset);
    }

    private void ExpireDue()
    {
        lock (_gate)
        {
            _sweep.Fired();
            var now = _time.GetUtcNow().UtcTicks;
            long? next = null;
            while (_head < _tail)
            {
                var offset = (int)(_head - _firstChunkStart);
                // The oldest chunk consumed, or its unused end reached (zero, as every fresh or retired chunk is).
                if (offset + HeaderSize > ChunkSize || BinaryPrimitives.ReadInt64LittleEndian(_chunks[0].AsSpan(offset)) == 0)
                {
                    RetireOldestChunk();
                    continue;
                }
                var entry = _chunks[0].AsSpan(offset);
                var deadline = BinaryPrimitives.ReadInt64LittleEndian(entry);
                if (deadline > now)
                {
                    next = deadline;
                    break;
                }
                var hash = BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]);
                if (_positions.TryGetValue(hash, out var position) && position == _head)
                    _positions.Remove(hash);
                _head += HeaderSize + BinaryPrimitives.ReadUInt16LittleEndian(entry[16..]) * sizeof(char)
                    + BinaryPrimitives.ReadInt32LittleEndian(entry[38..]);
            }
            if (next is { } due)
                _sweep.Next(TimeSpan.FromTicks(due - now));
        }
    }

    /// <summary>Under the lock: the oldest chunk is done; it is cleared (a zero deadline marks its unused end) and kept for reuse.</summary>
    private void RetireOldestChunk()
    {
        var chunk = _chunks[0];
        _chunks.RemoveAt(0);
        chunk.AsSpan().Clear();
        _spare.Push(chunk);
        _firstChunkStart += ChunkSize;
        _head = _chunks.Count == 0 ? _tail = _firstChunkStart : _firstChunkStart;
    }

    // FNV-1a over the key's characters: 64 bits make a collision between lingering keys practically impossible, and
    // one only makes a retransmission look new (answered by a new transaction), never answers it wrongly.
    private static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
