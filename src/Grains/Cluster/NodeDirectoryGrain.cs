using Orleans;

namespace Pbx.Grains.Cluster;

/// <summary>
/// A cluster's list of nodes of one kind, in memory only: when this grain moves to another silo (its silo died) it starts
/// empty and every live node is back within one <see cref="NodeDirectory.RefreshInterval"/>.
/// </summary>
public sealed class NodeDirectoryGrain<TObserver>(TimeProvider time) : Grain, INodeDirectoryGrain<TObserver> where TObserver : IGrainObserver
{
    private readonly Dictionary<string, (TObserver Node, DateTimeOffset Seen)> _nodes = [];

    /// <inheritdoc />
    public Task RegisterAsync(string nodeId, TObserver node)
    {
        _nodes[nodeId] = (node, time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnregisterAsync(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LiveNode<TObserver>>> GetLiveAsync()
    {
        var oldest = time.GetUtcNow() - NodeDirectory.Lifetime;
        foreach (var (id, node) in _nodes.ToArray())
        {
            if (node.Seen < oldest)
                _nodes.Remove(id);
        }
        IReadOnlyList<LiveNode<TObserver>> live = [.. _nodes.OrderByDescending(n => n.Value.Seen).Select(n => new LiveNode<TObserver>(n.Key, n.Value.Node))];
        return Task.FromResult(live);
    }
}
