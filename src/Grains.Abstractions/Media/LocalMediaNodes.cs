using System.Collections.Concurrent;

namespace Pbx.Grains.Media;

/// <summary>
/// The media nodes running in this process, by node id. The media role adds its engine when it starts; the silo's media
/// router calls a node found here directly, without the observer hop (serialization and a message) that a node in
/// another process needs: in the all-in-one process that is every call.
/// </summary>
public sealed class LocalMediaNodes
{
    private readonly ConcurrentDictionary<string, IMediaControl> _nodes = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="node"/> reachable in-process under <paramref name="nodeId"/>.</summary>
    public void Add(string nodeId, IMediaControl node) => _nodes[nodeId] = node;

    /// <summary>Forgets a node that stopped.</summary>
    public void Remove(string nodeId) => _nodes.TryRemove(nodeId, out _);

    /// <summary>The in-process node <paramref name="nodeId"/>, or null when it runs elsewhere.</summary>
    public IMediaControl? Find(ReadOnlySpan<char> nodeId) =>
        _nodes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(nodeId, out var node) ? node : null;
}
