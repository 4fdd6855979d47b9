using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;
using Pbx.MediaNode.Hosting;
using Pbx.MediaNode.Rtp;
using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Engine;

/// <summary>
/// The in-process media node: owns the endpoints, the port range and the shared 20 ms media clock, and carries out
/// <see cref="IMediaControl"/> for call-control grains. Endpoint ids carry <see cref="NodeId"/> as prefix
/// (<see cref="MediaEndpointId"/>), so the cluster's media routers know which node to ask about an endpoint.
/// </summary>
public sealed partial class MediaEngine : IMediaNode, IAsyncDisposable
{
    /// <summary>Period of the shared media clock: one 20 ms G.711 frame (RFC 3551 section 4.5).</summary>
    public static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(20);

    private readonly ILogger _logger;
    private readonly Lock _control = new();
    private readonly Dictionary<string, MediaEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _clock;
    private int _serial;
    private int _disposed;

    /// <summary>Creates the engine and starts its media clock.</summary>
    public MediaEngine(IOptions<MediaOptions> options, ILogger<MediaEngine> logger, TimeProvider time, MediaCounters counters)
    {
        Options = options.Value;
        _logger = logger;
        Time = time;
        Counters = counters;
        NodeId = Options.EffectiveNodeId;
        Ports = new RtpPortAllocator(IPAddress.Parse(Options.BindAddress), Options.RtpPortMin, Options.RtpPortMax);
        // RFC 3550 section 6.5.1: CNAME user@host; one per node is enough, as every leg has its own SSRC.
        Cname = Encoding.ASCII.GetBytes($"pbx@{Options.Address}");
        _clock = Task.Run(RunClockAsync);
    }

    /// <summary>This node's id in the cluster: the prefix of its endpoint ids.</summary>
    public string NodeId { get; }

    /// <summary>RTP/RTCP port pairs still free: the node's remaining capacity, reported to the media directory.</summary>
    public int FreePortPairs => Ports.Capacity - Ports.Allocated;

    /// <summary>Packet counters of this node.</summary>
    public MediaCounters Counters { get; }

    /// <summary>Endpoints currently allocated.</summary>
    public int EndpointCount
    {
        get
        {
            lock (_control)
                return _endpoints.Count;
        }
    }

    internal MediaOptions Options { get; }

    internal ILogger Logger => _logger;

    internal TimeProvider Time { get; }

    internal RtpPortAllocator Ports { get; }

    internal byte[] Cname { get; }

    /// <inheritdoc />
    public Task<MediaAllocationResult> AllocateAsync(string callId, IMediaEvents events)
    {
        using var span = MediaTracing.Start("allocate", callId);
        // Binding the sockets is the costliest step of a call's set-up: it takes the allocator's own short lock, not the
        // control lock every other operation on every leg waits for.
        if (Ports.TryAllocate() is not { } pair)
        {
            LogPortsExhausted(callId, Ports.Capacity);
            return Task.FromResult(MediaAllocationResult.Failed(MediaAllocationError.PortsExhausted,
                $"all {Ports.Capacity} RTP port pairs of {Options.RtpPortMin}-{Options.RtpPortMax} are in use"));
        }
        var endpoint = new MediaEndpoint(MediaEndpointId.Create(NodeId, Guid.NewGuid().ToString("N")), callId, events, pair, this, Interlocked.Increment(ref _serial))
        {
            SdpSessionId = SdpNegotiator.NewSessionId(Time.GetUtcNow()),
        };
        lock (_control)
            _endpoints.Add(endpoint.Id, endpoint);
        _wheel[WheelSlotOf(endpoint.Serial)].Add(endpoint);
        endpoint.Start();
        LogAllocated(endpoint.Id, callId, endpoint.Ports.RtpPort);
        return Task.FromResult(new MediaAllocationResult(endpoint.Id, Options.Address, endpoint.Ports.RtpPort, MediaAllocationError.None, ""));
    }

    /// <inheritdoc />
    public Task<string> AnswerAsync(string endpointId, string offerSdp)
    {
        using var span = MediaTracing.Start("answer", endpointId);
        var offer = SdpParser.Parse(offerSdp);
        SdpSession answer;
        lock (_control)
        {
            var endpoint = Get(endpointId);
            (answer, var media) = SdpNegotiator.Answer(offer, Options.Address, endpoint.Ports.RtpPort, endpoint.SdpSessionId, endpoint.NextSdpVersion());
            endpoint.Apply(media);
            LogNegotiated(endpointId, media.Codec.Encoding, media.Direction, media.Remote);
        }
        // Written outside the lock: the answer is immutable, and text formatting need not hold up other legs.
        return Task.FromResult(SdpWriter.Write(answer));
    }

    /// <inheritdoc />
    public Task<string> OfferAsync(string endpointId, MediaDirection direction)
    {
        using var span = MediaTracing.Start("offer", endpointId);
        SdpSession offer;
        lock (_control)
        {
            var endpoint = Get(endpointId);
            endpoint.OfferedDirection = direction;
            offer = SdpNegotiator.Offer(Options.Address, endpoint.Ports.RtpPort, direction, endpoint.SdpSessionId,
                endpoint.NextSdpVersion(), endpoint.Media?.Codec ?? endpoint.Peer?.Media?.Codec);
        }
        return Task.FromResult(SdpWriter.Write(offer));
    }

    /// <inheritdoc />
    public Task AcceptAnswerAsync(string endpointId, string answerSdp)
    {
        var answer = SdpParser.Parse(answerSdp);
        lock (_control)
        {
            var endpoint = Get(endpointId);
            var media = SdpNegotiator.AcceptAnswer(answer, endpoint.OfferedDirection);
            endpoint.Apply(media);
            LogNegotiated(endpointId, media.Codec.Encoding, media.Direction, media.Remote);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task BridgeAsync(string endpointIdA, string endpointIdB)
    {
        using var span = MediaTracing.Start("bridge", endpointIdA);
        lock (_control)
        {
            var a = Get(endpointIdA);
            var b = Get(endpointIdB);
            if (ReferenceEquals(a, b))
                throw new ArgumentException($"cannot bridge endpoint {endpointIdA} with itself", nameof(endpointIdB));
            Unbridge(a);
            Unbridge(b);
            StopPlayback(a);
            StopPlayback(b);
            Leave(a);
            Leave(b);
            a.Peer = b;
            b.Peer = a;
            a.AcceptsRelay = true;
            b.AcceptsRelay = true;
            LogBridged(a.Id, b.Id, a.Media?.Codec.Encoding, b.Media?.Codec.Encoding);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnbridgeAsync(string endpointId)
    {
        lock (_control)
            Unbridge(Get(endpointId));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A digit is not one of 0-9 * # A-D (the caller checks; this is a bug).</exception>
    /// <exception cref="InvalidOperationException">The endpoint has not negotiated media yet.</exception>
    public Task SendDtmfAsync(string endpointId, string digits)
    {
        if (!DtmfKeys.AreValid(digits))
            throw new ArgumentException($"DTMF digits '{digits}' must be one or more of {DtmfKeys.All}", nameof(digits));
        lock (_control)
        {
            var endpoint = Get(endpointId);
            if (endpoint.Media is null)
                throw new InvalidOperationException($"endpoint {endpointId} has not negotiated media: no DTMF can be sent to it yet");
            return endpoint.SendDtmf(digits.ToUpperInvariant());
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string endpointId)
    {
        MediaEndpoint? endpoint;
        lock (_control)
        {
            if (!_endpoints.Remove(endpointId, out endpoint))
                return;
            Unbridge(endpoint);
            DetachAudio(endpoint);
        }
        _wheel[WheelSlotOf(endpoint.Serial)].Remove(endpoint);
        await endpoint.StopAsync().ConfigureAwait(false);
        LogReleased(endpointId, endpoint.CallId);
    }

    /// <summary>The endpoint's latched RTP source, null before the first packet; for diagnostics and tests.</summary>
    public IPEndPoint? GetLatchedSource(string endpointId)
    {
        lock (_control)
            return Get(endpointId).LatchedSource;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // DI may dispose the engine twice: as itself and as the IMediaControl it also serves.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _clock.ConfigureAwait(false);
        MediaEndpoint[] endpoints;
        lock (_control)
        {
            // Recordings are completed, never abandoned as .part files, when the node shuts down.
            foreach (var recording in _recordings.Values.ToList())
                EndRecording(recording);
            endpoints = [.. _endpoints.Values];
            _endpoints.Clear();
        }
        foreach (var endpoint in endpoints)
            await endpoint.StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static void Unbridge(MediaEndpoint endpoint)
    {
        if (endpoint.Peer is { } peer && ReferenceEquals(peer.Peer, endpoint))
            peer.Peer = null;
        endpoint.Peer = null;
    }

    private MediaEndpoint Get(string endpointId) =>
        _endpoints.TryGetValue(endpointId, out var endpoint)
            ? endpoint
            : throw new KeyNotFoundException($"media endpoint {endpointId} is not allocated on this node (released or never allocated)");
}
