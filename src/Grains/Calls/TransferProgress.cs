using Microsoft.Extensions.Logging;
using Pbx.Grains.Cdrs;

namespace Pbx.Grains.Calls;

/// <summary>
/// What the transferor hears of a transfer in progress, and the way back when it fails: NOTIFYs carrying message/sipfrag
/// on the REFER's dialog (RFC 3515 2.4.4, RFC 3420), and on failure the call goes on as it was (the target's endpoint and
/// any outbound trunk slot given back), or ends when nobody is left to go back to.
/// </summary>
internal sealed partial class TransferProgress(CallContext call, CallMedia media, TrunkLegs trunks, CallEnding ending, ILogger logger)
{
    private CallState State => call.State;

    /// <summary>NOTIFY on the transferor's leg about the REFER (RFC 3515 2.4.4); nothing for a transfer asked from the API.</summary>
    public async Task NotifyAsync(string statusLine)
    {
        if (State.Transfer is not { Notify: true } transfer || call.Edge is not { } edge)
            return;
        DialogLeg leg;
        if (State.CallerLeg?.CallId == transfer.LeavingCallId)
            State.CallerLeg = leg = DialogLegs.Next(State.CallerLeg);
        else if (State.CalleeLeg?.CallId == transfer.LeavingCallId)
            State.CalleeLeg = leg = DialogLegs.Next(State.CalleeLeg);
        else
            return;
        await edge.SendAsync(new LegRequest("NOTIFY", leg, null, Sipfrag: statusLine));
    }

    /// <summary>Every fork of the target failed: the outcome of all the failures is the transfer's.</summary>
    public Task TargetFailedAsync()
    {
        var (failure, disposition) = State.FailureOutcome();
        return FailedAsync(failure, disposition);
    }

    /// <summary>The transfer failed: the call goes on as it was; a REFER's transferor hears the final status (RFC 3515 2.4.5).</summary>
    public async Task FailedAsync(CallerResponse failure, string disposition)
    {
        var transfer = State.Transfer!;
        if (transfer.Kind == TransferKind.Originate)
        {
            State.Transfer = null;
            await ending.EndAsync(disposition, $"{failure.Status} {failure.Reason}", "caller");
            return;
        }
        LogTransferFailed(call.Key, transfer.Target, failure.Status);
        if (transfer.TransferorGone)
        {
            // Nobody is left to go back to: the party waiting for the target is hung up.
            var staying = DialogLegs.Next(State.CallerLeg!.CallId == transfer.LeavingCallId ? State.CalleeLeg! : State.CallerLeg!);
            await ending.EndAsync(CdrDisposition.Answered, $"transfer failed: {failure.Status} {failure.Reason}", "system");
            await call.Edge!.SendAsync(new LegRequest("BYE", staying, null));
            return;
        }
        await NotifyAsync($"SIP/2.0 {failure.Status} {failure.Reason}");
        if (transfer.Outside)
            await trunks.ForgetOutboundAsync();
        State.Transfer = null;
        if (transfer.Endpoint.Length > 0)
            await media.Node.ReleaseAsync(transfer.Endpoint);
        await call.SaveAsync();
    }

    /// <summary>A transfer asked from the API could not start: the call goes on as it was.</summary>
    public void Refused(string target, int status)
    {
        LogTransferFailed(call.Key, target, status);
        State.Transfer = null;
    }

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information, Message = "Call {CallId}: transfer to {Target} failed with {Status}; the call goes on")]
    private partial void LogTransferFailed(string callId, string target, int status);
}
