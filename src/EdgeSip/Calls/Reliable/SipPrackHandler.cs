using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Calls.Reliable;

/// <summary>
/// PRACK from a caller (RFC 3262 section 3): 200 when its RAck names the reliable provisional response awaiting it on that
/// early dialog, 481 when it names none, 400 when it has no readable RAck. Answered at the edge: no grain is asked.
/// </summary>
public sealed class SipPrackHandler(SipReliableResponders responders) : ISipRequestHandler
{
    /// <inheritdoc />
    public string Method => "PRACK";

    /// <inheritdoc />
    public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!SipRAck.TryParse(request.Get("RAck"), out var rack))
        {
            await context.RespondAsync(400, "Bad RAck");
            return;
        }
        if (request.CallId is { } callId && request.To?.Tag is { } localTag
            && await responders.AcknowledgeAsync(callId, localTag, rack, () => context.RespondAsync(200, "OK")))
            return;
        await context.RespondAsync(481, "Call/Transaction Does Not Exist");
    }
}
