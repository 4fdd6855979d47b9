using Orleans;

namespace Pbx.Grains.Media;

/// <summary>The media node that owns an endpoint is not registered any more (it died or stopped): the endpoint is gone with it.</summary>
[GenerateSerializer]
public sealed class MediaNodeUnavailableException : Exception
{
    /// <summary>Creates the exception naming the endpoint and its node.</summary>
    public MediaNodeUnavailableException(string message) : base(message)
    {
    }
}
