using Pbx.Grains;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// Carrier trunks at the edge: an INVITE whose source is a trunk is an inbound call (no digest: carriers are trusted by
/// address, RFC 3261 26.3.2.2 style); <see cref="SipForkSet"/> answers a carrier's challenge to an outbound fork.
/// </summary>
public sealed partial class SipInviteHandler
{
    /// <summary>Starts an inbound trunk call when the INVITE's source is a trunk; false when it is not (an extension's INVITE).</summary>
    private async Task<bool> TryStartFromTrunkAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var remote = context.Source.Remote;
        if (await trunks.IdentifySourceAsync(remote.Address, remote.Port, cancellationToken) is not { } trunkId)
            return false;
        var request = context.Request;
        var callId = request.CallId;
        var offer = SipDialogMessages.Sdp(request);
        var called = request.RequestUri.User ?? "pbx";
        if (callId is null || request.From is null || request.To is null)
        {
            await context.RespondAsync(400, "Bad Request");
            return true;
        }
        if (offer is null)
        {
            // A late offer (RFC 3261 13.2.1, offer in the 2xx) is not supported by the media anchoring.
            await context.RespondAsync(488, "Not Acceptable Here");
            return true;
        }
        LogTrunkInvite(trunkId, callId, called);
        var from = request.From;
        string?[] candidates = [request.RequestUri.User, CalledPartyId(request), request.To.Uri.User];
        var call = grains.Grain<ICallGrain>(callId);
        await StartAndRingAsync(context, callId, called, () => call.StartFromTrunkAsync(new TrunkCallSetup(trunkId, from.Uri.User,
            from.DisplayName, candidates, CallerLeg(context, callId), offer, edge.Reference, SipSessionTimerHeaders.Read(request))));
        return true;
    }

    /// <summary>The called number of P-Called-Party-ID (RFC 3455 4.2): a SIP URI's user part, or a tel: URI as it is.</summary>
    private static string? CalledPartyId(SipRequest request)
    {
        if (request.Get("P-Called-Party-ID") is not { } value || SipDialogMessages.UriText(value) is not { } uri)
            return null;
        if (uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            return uri;
        return SipUri.TryParse(uri, out var parsed) ? parsed.User : null;
    }
}
