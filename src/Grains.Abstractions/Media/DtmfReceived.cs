using Orleans;
namespace Pbx.Grains.Media;

/// <summary>One DTMF key press received on an endpoint, reported once however many packets carried it.</summary>
/// <param name="EndpointId">Endpoint the digit arrived on.</param>
/// <param name="Digit">'0'-'9', '*', '#', 'A'-'D'.</param>
/// <param name="InBand">True when detected in the audio, false when received as an RFC 4733 telephone-event.</param>
[GenerateSerializer, Immutable]
public sealed record DtmfReceived(string EndpointId, char Digit, bool InBand);
