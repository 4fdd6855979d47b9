namespace Pbx.EdgeSip.Calls.Reliable;

/// <summary>What a UAC does with a reliable provisional response (RFC 3262 section 4).</summary>
internal enum ReliableArrival
{
    /// <summary>The next one in order: PRACK it and process it.</summary>
    New,

    /// <summary>One already PRACKed, sent again because our PRACK is still on its way: discard it.</summary>
    Retransmission,

    /// <summary>A gap in the RSeq numbers: neither PRACKed nor processed (the missing one will be retransmitted first).</summary>
    OutOfOrder,
}

/// <summary>
/// The RSeq numbers of one early dialog as the UAC sees them (RFC 3262 section 4): the first reliable provisional response
/// sets the sequence, each later one must be exactly one higher, and retransmissions of one already received are discarded.
/// </summary>
internal sealed class SipReliableSequence
{
    private uint? _last;

    /// <summary>Classifies the response with <paramref name="rseq"/> and, when it is new, remembers it.</summary>
    public ReliableArrival Arrive(uint rseq)
    {
        if (_last is not { } last)
        {
            _last = rseq;
            return ReliableArrival.New;
        }
        if (rseq == unchecked(last + 1))
        {
            _last = rseq;
            return ReliableArrival.New;
        }
        // RFC 3262 section 4: a value not one higher is not PRACKed; at or below the last it is a retransmission.
        return rseq <= last ? ReliableArrival.Retransmission : ReliableArrival.OutOfOrder;
    }
}
