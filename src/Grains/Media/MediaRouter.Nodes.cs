namespace Pbx.Grains.Media;

public sealed partial class MediaRouter
{
    private readonly Lock _refreshLock = new();
    private volatile MediaNodeList _nodes = MediaNodeList.Empty;
    private Task<MediaNodeList>? _refreshing;

    /// <summary>Reads the directory now instead of at the next period or miss (after a node joined or left, and in tests).</summary>
    public async Task RefreshNodesAsync() => await RefreshAsync().ConfigureAwait(false);

    /// <summary>The node that owns <paramref name="endpointId"/>: in this process, in the cached list, or after reading the directory.</summary>
    /// <exception cref="MediaNodeUnavailableException">The node is not registered any more.</exception>
    private ValueTask<IMediaControl> NodeOfAsync(string endpointId)
    {
        var nodeId = NodeIdOf(endpointId);
        if (localNodes.Find(nodeId) is { } local)
            return ValueTask.FromResult(local);
        if (CurrentNodes().Find(nodeId) is { } node)
            return ValueTask.FromResult(node.Control);
        return NodeAfterRefreshAsync(endpointId);
    }

    private async ValueTask<IMediaControl> NodeAfterRefreshAsync(string endpointId)
    {
        var nodeId = NodeIdOf(endpointId).ToString();
        return await FindNodeAsync(nodeId)
            ?? throw new MediaNodeUnavailableException($"media endpoint {endpointId} is on node {nodeId}, which is not registered (stopped or died)");
    }

    /// <summary>The node <paramref name="nodeId"/>, reading the directory once when it is not known; null when it is not live.</summary>
    private async ValueTask<IMediaControl?> FindNodeAsync(string nodeId)
    {
        if (localNodes.Find(nodeId) is { } local)
            return local;
        if (CurrentNodes().Find(nodeId) is { } node)
            return node.Control;
        return (await RefreshAsync()).Find(nodeId)?.Control;
    }

    private static ReadOnlySpan<char> NodeIdOf(string endpointId) =>
        MediaEndpointId.TryGetNodeId(endpointId, out var nodeId)
            ? nodeId
            : throw new ArgumentException($"media endpoint id '{endpointId}' names no node (expected node{MediaEndpointId.Separator}id)", nameof(endpointId));

    /// <summary>The cached list, starting a background read of the directory when it is older than <see cref="RefreshPeriod"/>.</summary>
    private MediaNodeList CurrentNodes()
    {
        var nodes = _nodes;
        if (time.GetUtcNow() - nodes.FetchedAt >= RefreshPeriod)
            _ = RefreshAsync();
        return nodes;
    }

    private async ValueTask<MediaNodeList> CurrentNodesAsync(bool refreshWhenEmpty)
    {
        var nodes = CurrentNodes();
        return nodes.Nodes.Length == 0 && refreshWhenEmpty ? await RefreshAsync() : nodes;
    }

    /// <summary>Reads the directory, one read at a time however many requests ask; a failed read keeps the last list.</summary>
    private Task<MediaNodeList> RefreshAsync()
    {
        lock (_refreshLock)
            // On the thread pool, not in the turn of the grain that happened to ask: the read serves every grain.
            return _refreshing ??= Task.Run(FetchAsync);
    }

    private async Task<MediaNodeList> FetchAsync()
    {
        try
        {
            var entries = await grains.GetMediaDirectory().GetLiveNodesAsync().ConfigureAwait(false);
            var previous = _nodes;
            var nodes = new RoutedNode[entries.Count];
            for (var i = 0; i < nodes.Length; i++)
            {
                var entry = entries[i];
                var local = localNodes.Find(entry.NodeId);
                var control = local ?? entry.Report.Node;
                nodes[i] = previous.Find(entry.NodeId) is { } known
                    ? known.Refreshed(entry, control, local is not null)
                    : new RoutedNode(entry, control, local is not null);
            }
            var fresh = new MediaNodeList(nodes, time.GetUtcNow());
            _nodes = fresh;
            return fresh;
        }
        catch (Exception e)
        {
            LogDirectoryUnreachable(e);
            // Keep routing with what was known, and wait a period before asking again.
            var kept = new MediaNodeList(_nodes.Nodes, time.GetUtcNow());
            _nodes = kept;
            return kept;
        }
        finally
        {
            lock (_refreshLock)
                _refreshing = null;
        }
    }
}
