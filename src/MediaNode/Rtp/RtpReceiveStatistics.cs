namespace Pbx.MediaNode.Rtp;

/// <summary>
/// Loss and interarrival jitter of the stream a leg receives, kept as RFC 3550 appendix A.1, A.3 and A.8 describe, for the
/// report block of the leg's RTCP reports. Written by the leg's receive loop only; the RTCP timer reads it.
/// </summary>
internal sealed class RtpReceiveStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;

    private bool _started;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _received;
    private uint _expectedPrior;
    private uint _receivedPrior;
    private long _lastTransit;
    private double _jitter;

    public uint Ssrc { get; private set; }

    public bool HasData => _started;

    /// <summary>Interarrival jitter in timestamp units (RFC 3550 section 6.4.1).</summary>
    public uint Jitter => (uint)_jitter;

    /// <summary>Extended highest sequence number received: cycles in the high 16 bits.</summary>
    public uint ExtendedMaxSequence => _cycles + _maxSequence;

    /// <summary>Packets expected but not received since the start, clamped to the 24-bit signed field (appendix A.3).</summary>
    public int CumulativeLost
    {
        get
        {
            var lost = (long)(ExtendedMaxSequence - _baseSequence + 1) - _received;
            return (int)Math.Clamp(lost, -0x800000, 0x7FFFFF);
        }
    }

    /// <summary>Records one packet; <paramref name="arrival"/> is the arrival time in the stream's timestamp units.</summary>
    public void Record(uint ssrc, ushort sequence, uint timestamp, long arrival)
    {
        if (!_started || ssrc != Ssrc)
        {
            _started = true;
            Ssrc = ssrc;
            _baseSequence = sequence;
            _maxSequence = sequence;
            _cycles = 0;
            _received = 0;
            _expectedPrior = 0;
            _receivedPrior = 0;
            _jitter = 0;
            _lastTransit = arrival - timestamp;
        }
        var delta = (ushort)(sequence - _maxSequence);
        if (delta < MaxDropout)
        {
            if (sequence < _maxSequence)
                _cycles += 0x10000;
            _maxSequence = sequence;
        }
        else if (delta <= 0x10000 - MaxMisorder)
        {
            // A large jump: the sender restarted. Appendix A.1 waits for a second packet; resetting at once is simpler and
            // only skews the statistics of one report.
            _baseSequence = sequence;
            _maxSequence = sequence;
            _cycles = 0;
            _received = 0;
            _expectedPrior = 0;
            _receivedPrior = 0;
        }
        _received++;

        // Appendix A.8: J += (|D| - J) / 16, D the change in relative transit time.
        var transit = arrival - timestamp;
        var d = Math.Abs(transit - _lastTransit);
        _lastTransit = transit;
        _jitter += (d - _jitter) / 16.0;
    }

    /// <summary>Fraction of packets lost since the previous call, in 1/256 (appendix A.3); advances the interval.</summary>
    public byte TakeFractionLost()
    {
        var expected = ExtendedMaxSequence - _baseSequence + 1;
        var expectedInterval = (long)expected - _expectedPrior;
        var receivedInterval = (long)_received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)((lostInterval << 8) / expectedInterval);
    }
}
