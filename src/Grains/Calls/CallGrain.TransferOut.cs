using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>
/// Blind transfer (REFER or API) to an outside number: the target is dialled through the dial rules and trunks under the
/// transferor's extension group, permission class and caller ID, as if the transferor had dialled it, so a transfer
/// reaches nothing the transferor could not call itself.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>Rings the outside target on a new endpoint through the first usable trunk; the refusal when it cannot.</summary>
    private async Task<CallerResponse?> TransferOutAsync(TransferState transfer)
    {
        // A call from a trunk keeps its inbound slot next to the outbound one; an outbound trunk call is not sent out twice.
        var transferor = State.CallerLeg!.CallId == transfer.LeavingCallId ? State.CallerLeg : State.CalleeLeg!;
        if (State.Trunk is { Direction: "outbound" }
            || await trunkRouter.RouteOutboundAsync(CallKey, transfer.Target, transfer.Transferor, transferor.Address) is not { } route)
            return new CallerResponse(404, "Not Found", null);
        if (GoOut(route) is { } refusal)
            return refusal;
        transfer.Outside = true;
        if (await AllocateTargetEndpointAsync(transfer) is not { } offer)
        {
            await ForgetOutboundTrunkAsync();
            return new CallerResponse(503, "Service Unavailable", null);
        }
        if (await NextTrunkForkAsync(offer) is not { } fork)
        {
            await ForgetOutboundTrunkAsync();
            await media.ReleaseAsync(transfer.Endpoint);
            return new CallerResponse(503, "Service Unavailable", null);
        }
        await state.WriteStateAsync();
        LogTransferRinging(CallKey, transfer.Transferor, transfer.Target, 1);
        await Edge!.RingAsync(CallKey, [fork], options.Value.NoAnswerTimeout);
        return null;
    }

    /// <summary>A failed transfer to an outside number gives its outbound trunk slot back: the call is what it was before.</summary>
    private async Task ForgetTransferTrunkAsync(TransferState transfer)
    {
        if (transfer.Outside)
            await ForgetOutboundTrunkAsync();
    }
}
