namespace Pbx.Bench;

/// <summary>What the RTP load generator saw during one run.</summary>
/// <param name="Sent">Packets sent to the node.</param>
/// <param name="Received">Packets received back from it.</param>
/// <param name="LatencyMicroseconds">Histogram of send-to-receive time in microseconds (last bucket: 100 ms and more).</param>
/// <param name="GeneratorCpu">CPU time of the generator's own threads.</param>
/// <param name="GeneratorAllocated">Managed bytes the generator's own threads allocated.</param>
internal sealed record RtpLoadResult(long Sent, long Received, long[] LatencyMicroseconds, TimeSpan GeneratorCpu, long GeneratorAllocated)
{
    /// <summary>The latency below which <paramref name="fraction"/> of the samples lie, in microseconds.</summary>
    public double Percentile(double fraction)
    {
        var total = LatencyMicroseconds.Sum();
        if (total == 0)
            return double.NaN;
        var wanted = (long)Math.Ceiling(total * fraction);
        long seen = 0;
        for (var i = 0; i < LatencyMicroseconds.Length; i++)
        {
            seen += LatencyMicroseconds[i];
            if (seen >= wanted)
                return i;
        }
        return LatencyMicroseconds.Length;
    }
}
