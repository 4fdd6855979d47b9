using Microsoft.Extensions.Logging;
using Orleans;

namespace Pbx.Grains.Media;

/// <summary>
/// The <see cref="IMediaControl"/> call grains get on a silo: places each new endpoint on the least loaded live media node
/// and sends every other request to the node named by the endpoint id's prefix (<see cref="MediaEndpointId"/>). A node in
/// this process is called directly; any other through its observer reference from the <see cref="IMediaDirectoryGrain"/>,
/// whose list is cached here and read again on a short period and on a miss, so a call's set-up costs no extra grain call.
/// </summary>
/// <remarks>
/// Endpoints of one call go to the node of its first endpoint while it lives: the node bridges only its own endpoints.
/// </remarks>
public sealed partial class MediaRouter(IGrainFactory grains, LocalMediaNodes localNodes, TimeProvider time, ILogger<MediaRouter> logger)
    : IMediaControl
{
    /// <summary>Age of the cached node list after which a request reads the directory again (in the background).</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _placementsLock = new();
    // Call id -> the node holding its endpoints and how many; endpoint id -> call id, to forget a call with its last endpoint.
    private readonly Dictionary<string, (string NodeId, int Endpoints)> _callNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _endpointCalls = new(StringComparer.Ordinal);
    // Recording id -> node: StopRecordingAsync names only the recording.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _recordingNodes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<MediaAllocationResult> AllocateAsync(string callId, IMediaEvents events)
    {
        var nodes = await CurrentNodesAsync(refreshWhenEmpty: true);
        var tried = 0;
        RoutedNode[]? full = null;
        while (tried < nodes.Nodes.Length)
        {
            var node = Choose(callId, nodes, full);
            if (node is null)
                break;
            tried++;
            node.Placed(1);
            MediaAllocationResult result;
            try
            {
                result = await node.Control.AllocateAsync(callId, events);
            }
            catch (Exception e)
            {
                // Unreachable: no new endpoint goes there until its next report shows it alive.
                node.Placed(-1);
                node.Unusable = true;
                LogAllocationFailed(node.NodeId, callId, e);
                continue;
            }
            if (result.Succeeded)
            {
                Remember(callId, node.NodeId, result.EndpointId);
                return result;
            }
            // Full now, but a released endpoint frees a pair at any moment: only this allocation passes it over.
            node.Placed(-1);
            (full ??= new RoutedNode[nodes.Nodes.Length])[tried - 1] = node;
            LogNodeFull(node.NodeId, callId, result.Reason);
            if (nodes.Nodes.Length == 1)
                return result;
        }
        return MediaAllocationResult.Failed(MediaAllocationError.NoMediaNode,
            tried == 0 ? "no live media node has a free RTP port pair" : $"none of the {tried} media node(s) tried could allocate an endpoint");
    }

    /// <inheritdoc />
    public async Task<string> AnswerAsync(string endpointId, string offerSdp) => await (await NodeOfAsync(endpointId)).AnswerAsync(endpointId, offerSdp);

    /// <inheritdoc />
    public async Task<string> OfferAsync(string endpointId, MediaDirection direction) => await (await NodeOfAsync(endpointId)).OfferAsync(endpointId, direction);

    /// <inheritdoc />
    public async Task AcceptAnswerAsync(string endpointId, string answerSdp) => await (await NodeOfAsync(endpointId)).AcceptAnswerAsync(endpointId, answerSdp);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The endpoints are on different nodes: a node relays only between its own endpoints.</exception>
    public async Task BridgeAsync(string endpointIdA, string endpointIdB)
    {
        if (!NodeIdOf(endpointIdA).SequenceEqual(NodeIdOf(endpointIdB)))
            throw new NotSupportedException($"cannot bridge media endpoints {endpointIdA} and {endpointIdB}: they are on different media nodes");
        await (await NodeOfAsync(endpointIdA)).BridgeAsync(endpointIdA, endpointIdB);
    }

    /// <inheritdoc />
    public async Task UnbridgeAsync(string endpointId) => await (await NodeOfAsync(endpointId)).UnbridgeAsync(endpointId);

    /// <inheritdoc />
    public async Task PlayAsync(string endpointId, PlaybackRequest request) => await (await NodeOfAsync(endpointId)).PlayAsync(endpointId, request);

    /// <inheritdoc />
    public async Task StopPlaybackAsync(string endpointId) => await (await NodeOfAsync(endpointId)).StopPlaybackAsync(endpointId);

    /// <inheritdoc />
    public async Task SendDtmfAsync(string endpointId, string digits) => await (await NodeOfAsync(endpointId)).SendDtmfAsync(endpointId, digits);

    /// <inheritdoc />
    public async Task<string> StartRecordingAsync(RecordingRequest request)
    {
        var node = await NodeOfAsync(request.EndpointId);
        var path = await node.StartRecordingAsync(request);
        _recordingNodes[request.RecordingId] = NodeIdOf(request.EndpointId).ToString();
        return path;
    }

    /// <inheritdoc />
    public async Task StopRecordingAsync(string recordingId)
    {
        if (_recordingNodes.TryRemove(recordingId, out var nodeId) && await FindNodeAsync(nodeId) is { } node)
        {
            await node.StopRecordingAsync(recordingId);
            return;
        }
        // Started through another silo's router (the call grain moved after a silo failure) or its node is unknown:
        // every live node is asked, and a node that does not hold the recording ignores the request.
        var nodes = await CurrentNodesAsync(refreshWhenEmpty: true);
        foreach (var live in nodes.Nodes)
            await live.Control.StopRecordingAsync(recordingId);
    }

    /// <inheritdoc />
    public async Task JoinConferenceAsync(string conferenceId, string endpointId) =>
        await (await NodeOfAsync(endpointId)).JoinConferenceAsync(conferenceId, endpointId);

    /// <inheritdoc />
    public async Task LeaveConferenceAsync(string endpointId) => await (await NodeOfAsync(endpointId)).LeaveConferenceAsync(endpointId);

    /// <inheritdoc />
    public async Task SetConferenceMuteAsync(string endpointId, bool muted) => await (await NodeOfAsync(endpointId)).SetConferenceMuteAsync(endpointId, muted);

    /// <inheritdoc />
    public async Task ReleaseAsync(string endpointId)
    {
        Forget(endpointId);
        var nodeId = NodeIdOf(endpointId).ToString();
        // A node that is gone took its endpoints and ports with it: releasing there is done.
        if (await FindNodeAsync(nodeId) is not { } node)
            return;
        await node.ReleaseAsync(endpointId);
        // Placements since the report are counted net of releases: at 1,000 calls/s a node's report is thousands of
        // endpoints behind, and counting only placements would make a node with free ports look full.
        _nodes.Find(nodeId)?.Placed(-1);
    }

    /// <summary>
    /// The node for the next endpoint of <paramref name="callId"/>: the node of its other endpoints, or the least loaded
    /// one not in <paramref name="full"/>.
    /// </summary>
    private RoutedNode? Choose(string callId, MediaNodeList nodes, RoutedNode[]? full)
    {
        if (full is null)
        {
            lock (_placementsLock)
            {
                if (_callNodes.TryGetValue(callId, out var placed) && nodes.Find(placed.NodeId) is { Unusable: false } sameNode)
                    return sameNode;
            }
        }
        var loads = new MediaNodeLoad[nodes.Nodes.Length];
        for (var i = 0; i < loads.Length; i++)
        {
            var node = nodes.Nodes[i];
            loads[i] = full is not null && Array.IndexOf(full, node) >= 0 ? new MediaNodeLoad(node.NodeId, int.MaxValue, 0) : node.Load;
        }
        var best = MediaNodeLoad.LeastLoaded(loads);
        return best < 0 ? null : nodes.Nodes[best];
    }

    private void Remember(string callId, string nodeId, string endpointId)
    {
        lock (_placementsLock)
        {
            _callNodes[callId] = _callNodes.TryGetValue(callId, out var placed) && placed.NodeId == nodeId
                ? (nodeId, placed.Endpoints + 1)
                : (nodeId, 1);
            _endpointCalls[endpointId] = callId;
        }
    }

    private void Forget(string endpointId)
    {
        lock (_placementsLock)
        {
            if (!_endpointCalls.Remove(endpointId, out var callId) || !_callNodes.TryGetValue(callId, out var placed))
                return;
            if (placed.Endpoints <= 1)
                _callNodes.Remove(callId);
            else
                _callNodes[callId] = (placed.NodeId, placed.Endpoints - 1);
        }
    }
}
