using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Media;

namespace Pbx.Grains.Calls;

/// <summary>DTMF asked from outside (API, console): the media node plays the keys to the party that did not press them.</summary>
public sealed partial class CallGrain
{
    /// <inheritdoc />
    public async Task<CallActionResult> SendDtmfAsync(string fromNumber, string digits)
    {
        var verdict = Admit(CallAction.SendDtmf);
        if (verdict == CallActionResult.NoSuchCall)
            return verdict;
        if (!DtmfKeys.AreValid(digits))
            return CallActionResult.InvalidArgument;
        if (verdict != CallActionResult.Done)
            return verdict;
        if (State.EndpointAway(fromNumber) is not { Length: > 0 } endpoint)
            return CallActionResult.InvalidArgument;
        LogSendingDtmf(CallKey, fromNumber, digits.Length);
        // The node answers once the keys are out (160 ms each), so a hang-up asked next cannot cut them short.
        await media.SendDtmfAsync(endpoint, digits);
        return CallActionResult.Done;
    }
}
