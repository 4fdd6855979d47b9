using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>
/// The grain's answer to an in-dialog request: a response to send now, a request to forward to the other leg, or
/// both (BYE: answer 200 and end the other leg). With a forward and no response, the edge reports the other leg's
/// final response through <see cref="ICallGrain.OnForwardedResponseAsync"/> and sends what that returns.
/// </summary>
/// <param name="Respond">Response for the request, or null to wait for the forwarded request's outcome.</param>
/// <param name="Forward">Request to send on the other leg, or null.</param>
[GenerateSerializer, Immutable]
public sealed record InDialogInstruction(CallerResponse? Respond, LegRequest? Forward);
