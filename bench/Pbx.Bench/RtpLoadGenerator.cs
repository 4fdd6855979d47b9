using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pbx.Bench;

/// <summary>
/// Plays the phones of the RTP benchmark on dedicated threads: every 20 ms one G.711 packet per leg, each stamped with
/// its send time, and receiver threads that time what the node sends back by the kernel's receive stamp. Many legs share a few sockets: the node
/// latches each endpoint onto its socket, so this costs the generator little and leaves the CPU to the node.
/// </summary>
internal sealed class RtpLoadGenerator : IDisposable
{
    private const int LatencyBuckets = 100_000;
    private const int Slices = 20;
    private readonly Socket[] _sockets;
    private readonly bool[] _receivesALaw;

    /// <param name="socketGroups">Sockets per group; a group receives A-law when its flag is true.</param>
    public RtpLoadGenerator(params (int Count, bool ReceivesALaw)[] socketGroups)
    {
        var sockets = new List<Socket>();
        var alaw = new List<bool>();
        foreach (var (count, receivesALaw) in socketGroups)
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
                {
                    ReceiveBufferSize = 4 * 1024 * 1024,
                    SendBufferSize = 4 * 1024 * 1024,
                    ReceiveTimeout = 100,
                };
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                KernelTimestamps &= KernelReceiveTime.Enable(socket);
                sockets.Add(socket);
                alaw.Add(receivesALaw);
            }
        }
        _sockets = [.. sockets];
        _receivesALaw = [.. alaw];
    }

    /// <summary>True when latency is measured to the kernel's receive time; else to when the receive thread got the packet.</summary>
    public bool KernelTimestamps { get; } = true;

    /// <summary>Where socket <paramref name="index"/> listens, for the SDP of the legs that use it.</summary>
    public IPEndPoint EndPointOf(int index) => (IPEndPoint)_sockets[index].LocalEndPoint!;

    /// <summary>Sends on every leg for <paramref name="duration"/> and collects what comes back.</summary>
    /// <param name="legs">Per leg: the socket it sends from and the node port it sends to.</param>
    /// <param name="duration">How long to send.</param>
    /// <param name="measureLatency">False for mixed audio, whose payload no longer carries a stamp.</param>
    public RtpLoadResult Run(IReadOnlyList<(int Socket, int NodePort, int PayloadType)> legs, TimeSpan duration, bool measureLatency)
    {
        // Everything this method allocates (histograms, threads) is the generator's, not the node's.
        var callerAllocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stop = 0;
        var received = new long[_sockets.Length];
        var histograms = new long[_sockets.Length][];
        var cpu = new TimeSpan[_sockets.Length + 1];
        var allocated = new long[_sockets.Length + 1];
        long sent = 0;
        var receivers = new Thread[_sockets.Length];
        for (var s = 0; s < _sockets.Length; s++)
        {
            var index = s;
            histograms[index] = new long[LatencyBuckets];
            receivers[index] = new Thread(() =>
            {
                var before = ThreadCpu.Current();
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                received[index] = Receive(_sockets[index], _receivesALaw[index], measureLatency, histograms[index], () => Volatile.Read(ref stop) != 0);
                cpu[index] = ThreadCpu.Current() - before;
                allocated[index] = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            }) { IsBackground = true, Name = $"rtp-load-rx{index}" };
            receivers[index].Start();
        }
        var sender = new Thread(() =>
        {
            var before = ThreadCpu.Current();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            sent = Send(legs, duration);
            cpu[^1] = ThreadCpu.Current() - before;
            allocated[^1] = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        }) { IsBackground = true, Name = "rtp-load-tx" };
        sender.Start();
        sender.Join();
        // Let the last packets come back before the receivers stop.
        Thread.Sleep(300);
        Volatile.Write(ref stop, 1);
        foreach (var receiver in receivers)
            receiver.Join();

        var histogram = new long[LatencyBuckets];
        foreach (var h in histograms)
        {
            for (var i = 0; i < histogram.Length; i++)
                histogram[i] += h[i];
        }
        return new RtpLoadResult(sent, received.Sum(), histogram, cpu.Aggregate(TimeSpan.Zero, (a, b) => a + b),
            allocated.Sum() + GC.GetAllocatedBytesForCurrentThread() - callerAllocatedBefore);
    }

    private long Send(IReadOnlyList<(int Socket, int NodePort, int PayloadType)> legs, TimeSpan duration)
    {
        var packet = new byte[12 + 160];
        var targets = legs.Select(l => new IPEndPoint(IPAddress.Loopback, l.NodePort).Serialize()).ToArray();
        var sequence = new ushort[legs.Count];
        var timestamp = new uint[legs.Count];
        var clock = Stopwatch.StartNew();
        long sent = 0;
        for (long tick = 0; clock.Elapsed < duration; tick++)
        {
            // Phones are not synchronised: spread each 20 ms round over 1 ms slices instead of sending one burst,
            // which would measure the burst's queueing rather than the node's forwarding delay.
            for (var slice = 0; slice < Slices; slice++)
            {
                var wait = TimeSpan.FromMilliseconds(20 * tick + slice * 20.0 / Slices) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    Thread.Sleep(wait);
                var end = legs.Count * (slice + 1) / Slices;
                for (var leg = legs.Count * slice / Slices; leg < end; leg++)
                {
                    packet[0] = 0x80;
                    packet[1] = (byte)legs[leg].PayloadType;
                    BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence[leg]++);
                    BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp[leg]);
                    timestamp[leg] += 160;
                    BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)leg + 1);
                    RtpStamp.Write(packet.AsSpan(12), leg, KernelReceiveTime.Now());
                    _sockets[legs[leg].Socket].SendTo(packet, SocketFlags.None, targets[leg]);
                    sent++;
                }
            }
        }
        return sent;
    }

    private long Receive(Socket socket, bool alaw, bool measureLatency, long[] histogram, Func<bool> stopping)
    {
        var buffer = new byte[2048];
        long count = 0;
        while (!stopping())
        {
            int length;
            try
            {
                length = socket.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                continue;
            }
            // Without the kernel's stamp the figure includes this thread's scheduling delay, an upper bound.
            var now = KernelTimestamps && KernelReceiveTime.TryGet(socket, out var received) ? received : KernelReceiveTime.Now();
            count++;
            if (measureLatency && length > 12 && RtpStamp.TryRead(buffer.AsSpan(12, length - 12), alaw, out _, out var stamp))
            {
                var micros = (now - stamp) / 1000;
                histogram[Math.Clamp(micros, 0, LatencyBuckets - 1)]++;
            }
        }
        return count;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
            socket.Dispose();
    }
}
