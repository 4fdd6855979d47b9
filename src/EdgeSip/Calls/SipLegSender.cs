using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Calls.Reliable;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls;

/// <summary>Sends what call grains decide on a leg: in-dialog requests, ACKs for 2xx, CANCELs.</summary>
public sealed partial class SipLegSender(
    SipClient client, SipTransactionLayer layer, SipTransportSet transports, IOptions<SipOptions> options, TimeProvider time, ILogger<SipLegSender> logger)
{
    private readonly string _userAgent = options.Value.UserAgent;

    internal string UserAgent => _userAgent;

    /// <summary>Our Contact URI for requests and responses toward <paramref name="peer"/>.</summary>
    internal string ContactFor(string user, SipEndPoint peer) => SipDialogMessages.Contact(user, peer, transports.LocalFor(peer));

    /// <summary>Sends a request on a leg and returns its final response; a 2xx to INVITE is ACKed here (RFC 3261 13.2.2.4).</summary>
    public async Task<SipResponse> SendAsync(LegRequest request, string contactUser)
    {
        var destination = SipDialogMessages.Destination(request.Leg);
        var contact = request.Method is "INVITE" or "UPDATE" or "NOTIFY" ? ContactFor(contactUser, destination) : null;
        var message = SipDialogMessages.Create(request.Method, request.Leg, request.Leg.LocalCSeq, request.Sdp, _userAgent, contact: contact);
        SipSessionTimerHeaders.Write(message, request.SessionTimer, response: false);
        if (request.Sipfrag is { } sipfrag)
            SipDialogMessages.SetReferProgress(message, sipfrag);
        var response = await client.SendAsync(message, destination);
        if (request.Method == "INVITE" && response.StatusCode is >= 200 and < 300)
            await AckAsync(request.Leg with { RemoteTag = response.To?.Tag ?? request.Leg.RemoteTag }, request.Leg.LocalCSeq);
        return response;
    }

    /// <summary>
    /// PRACKs a reliable provisional response (RFC 3262 section 4) in its early dialog <paramref name="earlyDialog"/>, whose
    /// LocalCSeq is the PRACK's; the answer is only logged, a PRACK being retransmitted by its own transaction.
    /// </summary>
    internal async Task PrackAsync(DialogLeg earlyDialog, SipRAck rack)
    {
        var prack = SipDialogMessages.Create("PRACK", earlyDialog, earlyDialog.LocalCSeq, null, _userAgent);
        prack.Add("RAck", rack.ToString());
        try
        {
            var response = await client.SendAsync(prack, SipDialogMessages.Destination(earlyDialog));
            if (response.StatusCode >= 300)
                LogRequestRefused("PRACK", earlyDialog.CallId, response.StatusCode);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            LogPrackFailed(earlyDialog.CallId, e);
        }
    }

    /// <summary>A request a call grain starts on its own (BYE on hang-up, NOTIFY about a transfer); the answer is only logged.</summary>
    public async Task SendLoggedAsync(LegRequest request)
    {
        var response = await SendAsync(request, "pbx");
        if (response.StatusCode >= 300)
            LogRequestRefused(request.Method, request.Leg.CallId, response.StatusCode);
    }

    /// <summary>Sends BYE on each leg, not waiting for the answers beyond logging failures.</summary>
    public Task ByeAsync(IEnumerable<DialogLeg> legs, string contactUser) =>
        Task.WhenAll(legs.Select(async leg =>
        {
            var response = await SendAsync(new LegRequest("BYE", leg, null), contactUser);
            if (response.StatusCode >= 300)
                LogRequestRefused("BYE", leg.CallId, response.StatusCode);
        }));

    /// <summary>The ACK for a 2xx: a new transaction of its own, same CSeq number as the INVITE (RFC 3261 13.2.2.4).</summary>
    public async Task AckAsync(DialogLeg leg, uint inviteCSeq)
    {
        var destination = SipDialogMessages.Destination(leg);
        var ack = SipDialogMessages.Create("ACK", leg, inviteCSeq, null, _userAgent);
        SipDialogMessages.AddVia(ack, destination, transports.LocalFor(destination));
        await transports.SendAsync(destination, ack.ToBytes(), CancellationToken.None);
    }

    /// <summary>CANCELs a pending INVITE sent to <paramref name="destination"/> (RFC 3261 9.1); the INVITE then ends with 487.</summary>
    public async Task CancelAsync(SipRequest invite, SipEndPoint destination)
    {
        var transaction = await layer.SendRequestAsync(SipDialogMessages.Cancel(invite), destination);
        var response = await transaction.FinalResponse;
        if (response.StatusCode >= 300)
            LogCancelRefused(invite.CallId ?? "", response.StatusCode);
    }
}
