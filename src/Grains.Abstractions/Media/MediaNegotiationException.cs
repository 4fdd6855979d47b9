namespace Pbx.Grains.Media;

/// <summary>SDP that cannot be parsed or shares no codec with the media node; the call should be rejected with 488.</summary>
public sealed class MediaNegotiationException(string message) : Exception(message);
