using System.Net;
using System.Net.Sockets;

namespace Pbx.MediaNode.Rtp;

/// <summary>
/// Hands out even/odd port pairs from the configured range and takes them back. Allocation walks the range round-robin
/// from the last pair handed out, so a just-released pair is reused last: late packets of the old call then find nothing.
/// Pairs in use here are known and never probed; a pair another process holds is found by a failed bind (an exception,
/// the only way Socket reports it) and then passed over for the next <see cref="ForeignSkips"/> rounds instead of being
/// probed again on every round.
/// </summary>
internal sealed class RtpPortAllocator
{
    private readonly IPAddress _bindAddress;
    private readonly int _firstPort;
    /// <summary>Rounds a pair another process held is passed over before it is tried again.</summary>
    public const int ForeignSkips = 16;

    private readonly bool[] _inUse;
    // Per pair: how many more times the search passes it over because another process held one of its ports.
    private readonly byte[] _skips;
    private readonly Lock _lock = new();
    private int _next;
    private int _allocated;

    /// <param name="bindAddress">Local address the sockets bind to.</param>
    /// <param name="minPort">Lowest port of the range; rounded up to even.</param>
    /// <param name="maxPort">Highest port of the range; a pair needs both its ports inside.</param>
    public RtpPortAllocator(IPAddress bindAddress, int minPort, int maxPort)
    {
        _bindAddress = bindAddress;
        _firstPort = FirstEvenPort(minPort);
        _inUse = new bool[PairsIn(minPort, maxPort)];
        _skips = new byte[_inUse.Length];
    }

    /// <summary>
    /// How many even/odd pairs fit in <paramref name="minPort"/>-<paramref name="maxPort"/>: RTP takes an even port and
    /// RTCP the next odd one (RFC 3550 section 11), so an odd minimum starts one port higher.
    /// </summary>
    public static int PairsIn(int minPort, int maxPort) => Math.Max(0, (maxPort - FirstEvenPort(minPort) + 1) / 2);

    /// <summary>The first RTP port of a range starting at <paramref name="minPort"/>.</summary>
    public static int FirstEvenPort(int minPort) => (minPort + 1) & ~1;

    /// <summary>Pairs in the range.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>Pairs currently handed out.</summary>
    public int Allocated => Volatile.Read(ref _allocated);

    /// <summary>Binds the next free pair, or returns null when every pair is in use or cannot be bound.</summary>
    public RtpPortPair? TryAllocate()
    {
        for (var attempt = 0; attempt < _inUse.Length; attempt++)
        {
            // The pair is reserved under the lock and bound outside it: binding is four system calls, and holding the
            // lock through them made every Release wait at high call rates.
            var index = Reserve();
            if (index < 0)
                return null;
            var port = _firstPort + 2 * index;
            if (TryBind(port) is { } rtp)
            {
                if (TryBind(port + 1) is { } rtcp)
                    return new RtpPortPair(port, rtp, rtcp);
                rtp.Dispose();
            }
            // Another process may hold a port of the range: skip that pair rather than fail the call.
            Unreserve(index, foreign: true);
        }
        return null;
    }

    public void Release(RtpPortPair pair)
    {
        pair.Rtp.Dispose();
        pair.Rtcp.Dispose();
        Unreserve((pair.RtpPort - _firstPort) / 2, foreign: false);
    }

    /// <summary>Marks the next free pair in use (round robin, so a released port rests before reuse); -1 when none is free.</summary>
    private int Reserve()
    {
        lock (_lock)
        {
            var skipped = -1;
            for (var i = 0; i < _inUse.Length; i++)
            {
                var index = (_next + i) % _inUse.Length;
                if (_inUse[index])
                    continue;
                if (_skips[index] > 0)
                {
                    _skips[index]--;
                    skipped = skipped < 0 ? index : skipped;
                    continue;
                }
                return Take(index);
            }
            // Only pairs another process held are free: try one now rather than refuse the call.
            return skipped < 0 ? -1 : Take(skipped);
        }
    }

    private int Take(int index)
    {
        _inUse[index] = true;
        _skips[index] = 0;
        _next = (index + 1) % _inUse.Length;
        _allocated++;
        return index;
    }

    private void Unreserve(int index, bool foreign)
    {
        lock (_lock)
        {
            if (foreign)
                _skips[index] = ForeignSkips;
            if (_inUse[index])
            {
                _inUse[index] = false;
                _allocated--;
            }
        }
    }

    private Socket? TryBind(int port)
    {
        var socket = new Socket(_bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // A larger receive buffer absorbs bursts while the receive loop is scheduled (default ~200 KB on Linux).
            socket.ReceiveBufferSize = 256 * 1024;
            socket.Bind(new IPEndPoint(_bindAddress, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
