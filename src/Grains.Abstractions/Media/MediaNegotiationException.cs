using Orleans;

namespace Pbx.Grains.Media;

/// <summary>SDP that cannot be parsed or shares no codec with the media node; the call should be rejected with 488.</summary>
/// <remarks>
/// Serializable so that it reaches the call grain with its message when the node runs in another process: the grain
/// catches this type by name, and an unknown exception type would arrive as a generic fallback instead.
/// </remarks>
[GenerateSerializer]
public sealed class MediaNegotiationException : Exception
{
    /// <summary>Creates the exception with the reason the SDP was refused.</summary>
    public MediaNegotiationException(string message) : base(message)
    {
    }
}
