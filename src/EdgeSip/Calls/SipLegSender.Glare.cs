using System.Collections.Concurrent;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// Offers the PBX makes inside a dialog (re-INVITE, UPDATE with SDP) and their glare (RFC 3261 14.1, RFC 3311 5.1): while one
/// is pending on a leg, an offer arriving on it is refused with 491; one of ours refused with 491 is sent again after the
/// random wait of <see cref="SipGlareBackoff"/>, with the next CSeq.
/// </summary>
public sealed partial class SipLegSender
{
    // Two retries after the first 491: a phone that keeps refusing is answering something else than glare.
    private const int GlareRetries = 2;

    private readonly ConcurrentDictionary<string, int> _offering = new(StringComparer.Ordinal);

    /// <summary>True while an offer the PBX sent on the leg <paramref name="legCallId"/> awaits its final response.</summary>
    internal bool HasOfferPending(string legCallId) => _offering.ContainsKey(legCallId);

    /// <summary>
    /// Sends <paramref name="request"/> on its leg, and again after a 491 (up to twice). Returns the final response and the
    /// CSeq it answers, above the request's own after a retry, for the call grain to continue the dialog from.
    /// </summary>
    internal async Task<(SipResponse Response, uint CSeq)> SendRetryingGlareAsync(LegRequest request, string contactUser)
    {
        var offer = request.Sdp is not null && request.Method is "INVITE" or "UPDATE";
        for (var retry = 0; ; retry++)
        {
            var callId = request.Leg.CallId;
            if (offer)
                _offering.AddOrUpdate(callId, 1, static (_, pending) => pending + 1);
            SipResponse response;
            try
            {
                response = await SendAsync(request, contactUser);
            }
            finally
            {
                if (offer && _offering.AddOrUpdate(callId, 0, static (_, pending) => pending - 1) == 0)
                    _offering.TryRemove(KeyValuePair.Create(callId, 0));
            }
            if (response.StatusCode != 491 || retry == GlareRetries)
                return (response, request.Leg.LocalCSeq);
            var wait = SipGlareBackoff.Wait(LegCallIds.ChosenByPbx(callId), Random.Shared);
            LogGlare(request.Method, callId, wait);
            await Task.Delay(wait, time);
            request = request with { Leg = request.Leg with { LocalCSeq = request.Leg.LocalCSeq + 1 } };
        }
    }
}
