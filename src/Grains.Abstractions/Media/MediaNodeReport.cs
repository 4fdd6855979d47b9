using Orleans;

namespace Pbx.Grains.Media;

/// <summary>What a media node tells the directory about itself on every refresh.</summary>
/// <param name="NodeId">The node's id, also the prefix of its endpoint ids (<see cref="MediaEndpointId"/>).</param>
/// <param name="Node">Observer reference through which grains drive the node.</param>
/// <param name="ActiveEndpoints">Endpoints allocated on the node now: its load.</param>
/// <param name="FreePortPairs">RTP/RTCP port pairs still free: how many more endpoints it can take.</param>
/// <param name="ValidFor">How long the entry stands without a refresh: a few of the node's refresh intervals.</param>
[GenerateSerializer, Immutable]
public sealed record MediaNodeReport(string NodeId, IMediaNode Node, int ActiveEndpoints, int FreePortPairs, TimeSpan ValidFor);
