using Microsoft.Extensions.Logging;
using Pbx.Grains;
using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;
using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Orleans;
using Pbx.Grains.Trunks;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// The INVITE transaction user. A re-INVITE (To tag present) goes to <see cref="SipInDialogHandler"/>. An initial INVITE
/// is authenticated with a 407 challenge (RFC 3261 22.3), handed to the call grain, and the edge then carries out its
/// decision: INVITE every fork in parallel, report each response, relay what the grain says to the caller, CANCEL the
/// losers, ACK 2xx. The forks' client transactions live only as long as this server transaction.
/// </summary>
public sealed partial class SipInviteHandler(
    IGrainFactory grains,
    SipDigestLogin login,
    SipLegSender legs,
    SipCallEdge edge,
    SipForkSets forkSets,
    SipInDialogHandler inDialog,
    ILogger<SipInviteHandler> logger,
    ITrunkDirectory trunks) : ISipRequestHandler
{
    /// <inheritdoc />
    public string Method => "INVITE";

    /// <inheritdoc />
    public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.To?.Tag is not null)
        {
            await inDialog.HandleAsync(context, cancellationToken);
            return;
        }
        if (await TryStartFromTrunkAsync(context, cancellationToken))
            return;
        var caller = await AuthenticateAsync(context);
        if (caller is null)
            return;
        var callee = request.RequestUri.User;
        var callId = request.CallId;
        var offer = SipDialogMessages.Sdp(request);
        if (string.IsNullOrEmpty(callee) || callId is null)
        {
            await context.RespondAsync(404, "Not Found");
            return;
        }
        if (offer is null)
        {
            // A late offer (RFC 3261 13.2.1, offer in the 2xx) is not supported by the media anchoring.
            await context.RespondAsync(488, "Not Acceptable Here");
            return;
        }
        var call = grains.Grain<ICallGrain>(callId);
        await StartAndRingAsync(context, callId, callee, () => call.StartAsync(new CallSetup(caller, request.From!.DisplayName, callee,
            CallerLeg(context, callId), offer, edge.Reference, SipSessionTimerHeaders.Read(request))));
    }

    /// <summary>
    /// Asks the call grain to start the call (<paramref name="start"/>) and rings the forks it decided, or answers its refusal.
    /// An instruction the grain sends before the forks ring (a deflect right after its "ringing" event) waits for them.
    /// </summary>
    private async Task StartAndRingAsync(SipServerContext context, string callId, string callee, Func<Task<CallDecision>> start)
    {
        forkSets.Expect(callId);
        try
        {
            var decision = await start();
            if (decision.Final is { } final)
            {
                await RespondAsync(context, final, legs.ContactFor(callee, context.Source));
                return;
            }
            await forkSets.RunAsync(callId, context, callee, decision);
        }
        finally
        {
            forkSets.Unexpect(callId);
            forkSets.Reliable.Forget(context);
        }
    }

    /// <summary>The caller's dialog as seen from our side (our tag is the one we answer with).</summary>
    private static DialogLeg CallerLeg(SipServerContext context, string callId)
    {
        var request = context.Request;
        var from = request.From!;
        var contact = request.Contacts.Count > 0 ? request.Contacts[0].Uri.ToString() : from.Uri.ToString();
        return new DialogLeg(callId, request.To!.Uri.ToString(), context.Transaction.ToTag, from.Uri.ToString(), from.Tag, contact,
            [.. request.GetAll(SipHeaderId.RecordRoute)], SipTransportNames.Of(context.Source.Transport),
            context.Source.Remote.Address.ToString(), context.Source.Remote.Port, 0);
    }

    /// <summary>
    /// The authenticated caller's extension number, or null once a challenge or refusal was sent. A number that is no
    /// usable extension is challenged like any other (<see cref="SipDigestLogin"/>), so an INVITE cannot tell a scanner
    /// which extensions exist, and nothing unauthenticated reaches the trunks.
    /// </summary>
    private async Task<string?> AuthenticateAsync(SipServerContext context)
    {
        var number = context.Request.From?.Uri.User;
        if (string.IsNullOrEmpty(number) || login.SourceLocked(context))
        {
            await context.RespondAsync(403, "Forbidden");
            return null;
        }
        var grain = grains.Grain<IExtensionGrain>(number);
        var stored = await grain.GetCredentialsAsync(context.Source.Remote.Address.ToString());
        return await login.VerifyAsync(context, number, grain, stored, asProxy: true) ? number : null;
    }

    /// <summary>Answers the caller's INVITE with the final response the grain decided, unless one went already.</summary>
    internal static async Task RespondAsync(SipServerContext context, CallerResponse answer, string contact)
    {
        if (!context.Transaction.HasFinalResponse)
            await context.RespondAsync(CreateResponse(context, answer, contact));
    }

    /// <summary>
    /// The response to the caller's INVITE for the grain's <paramref name="answer"/>. One that sets up the dialog carries our
    /// Contact and Allow, which lists PRACK and UPDATE (RFC 3311 section 5.1).
    /// </summary>
    internal static SipResponse CreateResponse(SipServerContext context, CallerResponse answer, string contact)
    {
        var response = context.CreateResponse(answer.Status, answer.Reason);
        if (answer.Status is > 100 and < 300)
            response.Add(SipHeaderId.Contact, $"<{contact}>").Add(SipHeaderId.Allow, SipDialogMessages.Allow);
        SipSessionTimerHeaders.Write(response, answer.SessionTimer, response: true);
        SipDialogMessages.SetSdp(response, answer.Sdp);
        return response;
    }
}
