using Microsoft.Extensions.Logging;
using Pbx.Grains;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;
using Orleans;

namespace Pbx.EdgeSip.Calls;

/// <summary>
/// REFER inside a call's dialog (RFC 3515): blind transfer, or attended transfer when Refer-To carries Replaces (RFC 3891).
/// The call grain decides; the edge answers (202 Accepted) and then lets the grain start the transfer, whose progress the
/// grain reports to the transferor in NOTIFYs.
/// </summary>
public sealed partial class SipReferHandler(IGrainFactory grains, SipLegSender legs, ILogger<SipReferHandler> logger) : ISipRequestHandler
{
    // RFC 3261 12.2.2: a request for a dialog no call holds.
    private static readonly CallerResponse NoSuchDialog = new(481, "Call/Transaction Does Not Exist", null);

    /// <inheritdoc />
    public string Method => "REFER";

    /// <inheritdoc />
    public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var callId = request.CallId ?? "";
        // A REFER outside a dialog would transfer no call of ours.
        if (request.To?.Tag is null)
        {
            await context.RespondAsync(481, "Call/Transaction Does Not Exist");
            return;
        }
        // RFC 3515 2.4.1: exactly one Refer-To, else 400.
        if (request.Count(SipHeaderId.ReferTo) != 1 || !SipReferTo.TryParse(request.Get(SipHeaderId.ReferTo)!, out var target, out var replaces))
        {
            LogReferRefused(callId, 400);
            await context.RespondAsync(400, "Bad Refer-To");
            return;
        }
        // RFC 3892 section 3 (compact form "b"): kept as received, for the INVITE to the target.
        var referredBy = request.Get("Referred-By") ?? request.Get("b");
        var refer = new ReferRequest(callId, request.CSeq?.Number ?? 0, target, referredBy, replaces);
        ICallGrain? call = null;
        var answer = NoSuchDialog;
        await foreach (var callKey in grains.CallKeysOfLegAsync(callId))
        {
            call = grains.Grain<ICallGrain>(callKey);
            answer = await call.OnReferAsync(refer);
            if (answer.Status != NoSuchDialog.Status)
                break;
        }
        var response = context.CreateResponse(answer.Status, answer.Reason);
        if (answer.Status is >= 200 and < 300)
            response.Add(SipHeaderId.Contact, $"<{legs.ContactFor(request.To?.Uri.User ?? "pbx", context.Source)}>");
        else
            LogReferRefused(callId, answer.Status);
        await context.RespondAsync(response);
        if (answer.Status == 202)
            await call!.OnReferAcceptedAsync(callId);
    }
}
