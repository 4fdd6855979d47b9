using Orleans;

namespace Pbx.Grains.Cluster;

/// <summary>One registered node: its id (e.g. <c>Sip:Registrar:EdgeNodeId</c>) and the observer that reaches it.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveNode<TObserver>(string NodeId, TObserver Node) where TObserver : IGrainObserver;
