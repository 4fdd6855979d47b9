using Orleans;

namespace Pbx.Grains.Cluster;

/// <summary>Timing and access shared by every <see cref="INodeDirectoryGrain{TObserver}"/>.</summary>
public static class NodeDirectory
{
    /// <summary>The one key of each directory.</summary>
    public const string Key = "nodes";

    /// <summary>
    /// How often a node registers again: after a silo dies, its directories come back within this. Short, because calls
    /// that lost their silo look for an edge right after Cluster:FailureDetection; one small grain call per node.
    /// </summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>A node not heard from for this long is gone: three missed refreshes.</summary>
    public static readonly TimeSpan Lifetime = 3 * RefreshInterval;

    /// <summary>The directory of nodes reached through <typeparamref name="TObserver"/>.</summary>
    public static INodeDirectoryGrain<TObserver> Of<TObserver>(IGrainFactory grains) where TObserver : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<INodeDirectoryGrain<TObserver>>(Key);
    }
}
