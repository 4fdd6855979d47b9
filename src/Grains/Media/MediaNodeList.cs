namespace Pbx.Grains.Media;

/// <summary>An immutable snapshot of the live nodes the router routes to, looked up by node id without allocating.</summary>
internal sealed class MediaNodeList
{
    public static readonly MediaNodeList Empty = new([], DateTimeOffset.MinValue);

    private readonly Dictionary<string, RoutedNode> _byId;
    private readonly Dictionary<string, RoutedNode>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public MediaNodeList(RoutedNode[] nodes, DateTimeOffset fetchedAt)
    {
        Nodes = nodes;
        FetchedAt = fetchedAt;
        _byId = new Dictionary<string, RoutedNode>(nodes.Length, StringComparer.Ordinal);
        foreach (var node in nodes)
            _byId[node.NodeId] = node;
        _bySpan = _byId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public RoutedNode[] Nodes { get; }

    /// <summary>When the directory was read for this list.</summary>
    public DateTimeOffset FetchedAt { get; }

    public RoutedNode? Find(ReadOnlySpan<char> nodeId) => _bySpan.TryGetValue(nodeId, out var node) ? node : null;

    public RoutedNode? Find(string nodeId) => _byId.GetValueOrDefault(nodeId);
}
