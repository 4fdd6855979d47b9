using Orleans;
namespace Pbx.Grains.Media;

/// <summary>Why a media node could not allocate an endpoint.</summary>
[GenerateSerializer]
public enum MediaAllocationError
{
    /// <summary>Allocation succeeded.</summary>
    None,

    /// <summary>Every RTP/RTCP port pair of the configured range is in use: the node is full.</summary>
    PortsExhausted,

    /// <summary>No live media node is registered, or none of them answered.</summary>
    NoMediaNode,
}
