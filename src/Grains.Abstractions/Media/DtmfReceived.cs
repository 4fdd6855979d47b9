namespace Pbx.Grains.Media;

/// <summary>One DTMF key press received on an endpoint.</summary>
/// <param name="EndpointId">Endpoint the digit arrived on.</param>
/// <param name="Digit">'0'-'9', '*', '#', 'A'-'D'.</param>
/// <param name="Duration">How long the key was held, as the sender reported it.</param>
public sealed record DtmfReceived(string EndpointId, char Digit, TimeSpan Duration);
