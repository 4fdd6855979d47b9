using System.Collections.Concurrent;
using System.Globalization;
using Pbx.EdgeSip.Calls.Reliable;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// Reliable provisional responses from the callee (RFC 3262 section 4): the PBX, as the callee leg's UAC, PRACKs each new
/// one in its early dialog with a CSeq of its own and discards retransmissions; only new ones reach the call grain.
/// </summary>
internal sealed partial class SipForkSet
{
    // Per early dialog (fork and To tag); the table itself is made only when a reliable provisional response arrives, so a
    // call without 100rel allocates nothing for it.
    private ConcurrentDictionary<string, EarlyDialogPracks>? _pracks;

    /// <summary>
    /// Queues a provisional response of the fork whose INVITE had CSeq <paramref name="inviteCSeq"/> for the call grain,
    /// PRACKing it at once when it is reliable: the PRACK does not wait for the grain, or for earlier reports on the caller's
    /// side, which may themselves be waiting for the caller's PRACK.
    /// </summary>
    private void ReportProvisional(ForkTarget fork, SipResponse response, uint inviteCSeq, ForkReportOrder order)
    {
        // A 100 is hop-by-hop (RFC 3261 16.7 step 5 is the proxy's case; a B2BUA's caller leg has its own): the grain has
        // nothing to do with it, and skipping it saves a grain call per call.
        if (response.StatusCode == 100)
            return;
        if (!SipOptionTags.Lists(response, SipHeaderId.Require, SipOptionTags.Reliable))
        {
            order.Enqueue(() => ReportAsync(fork, response, null));
            return;
        }
        // RFC 3262 section 4: a reliable response without a readable RSeq cannot be acknowledged; it is taken as unreliable.
        if (!uint.TryParse(response.Get("RSeq")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rseq) || response.To?.Tag is not { } tag)
        {
            order.Enqueue(() => ReportAsync(fork, response, null));
            return;
        }
        var table = LazyInitializer.EnsureInitialized(ref _pracks, () => new ConcurrentDictionary<string, EarlyDialogPracks>(StringComparer.Ordinal));
        var pracks = table.GetOrAdd($"{fork.ForkId}|{tag}", _ => new EarlyDialogPracks(inviteCSeq));
        uint prackCSeq;
        lock (pracks)
        {
            if (pracks.Sequence.Arrive(rseq) != ReliableArrival.New)
                return;
            prackCSeq = ++pracks.LastCSeq;
        }
        var rack = new SipRAck(rseq, inviteCSeq, "INVITE");
        _ = legs.PrackAsync(SipDialogMessages.EarlyDialog(fork.Leg, response, prackCSeq), rack);
        order.Enqueue(() => ReportAsync(fork, response, prackCSeq));
    }

    /// <summary>The last CSeq a PRACK used on any early dialog of the fork, which the confirmed dialog continues from; null when none was sent.</summary>
    private uint? LastLocalCSeq(string forkId)
    {
        if (_pracks is null)
            return null;
        uint? last = null;
        foreach (var (key, pracks) in _pracks)
        {
            if (key.StartsWith(forkId, StringComparison.Ordinal) && key.Length > forkId.Length && key[forkId.Length] == '|')
                last = Math.Max(last ?? 0, pracks.LastCSeq);
        }
        return last;
    }

    private sealed class EarlyDialogPracks(uint inviteCSeq)
    {
        public SipReliableSequence Sequence { get; } = new();

        public uint LastCSeq { get; set; } = inviteCSeq;
    }
}
