using Orleans;

namespace Pbx.Grains.Cluster;

/// <summary>
/// The live nodes of one kind in the cluster (SIP edges as <c>ICallEdge</c>, API hosts as <c>ILiveEventSink</c>), each
/// reached through the observer it registered. A node registers on start and again every <see cref="NodeDirectory.RefreshInterval"/>;
/// one that stops refreshing (crashed, cut off) drops out after <see cref="NodeDirectory.Lifetime"/> by itself.
/// Use the key <see cref="NodeDirectory.Key"/>: one directory per observer type.
/// </summary>
public interface INodeDirectoryGrain<TObserver> : IGrainWithStringKey where TObserver : IGrainObserver
{
    /// <summary>Adds or refreshes node <paramref name="nodeId"/>.</summary>
    Task RegisterAsync(string nodeId, TObserver node);

    /// <summary>Removes a node that stops cleanly.</summary>
    Task UnregisterAsync(string nodeId);

    /// <summary>The live nodes, most recently refreshed first (forgetting the lapsed ones).</summary>
    Task<IReadOnlyList<LiveNode<TObserver>>> GetLiveAsync();
}
