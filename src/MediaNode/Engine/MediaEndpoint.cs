using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Pbx.Grains.Media;
using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Dtmf;
using Pbx.MediaNode.Rtcp;
using Pbx.MediaNode.Rtp;
using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Engine;

/// <summary>
/// One call leg on the media node: its port pair, the negotiated media, the stream it sends and what it receives.
/// Control-path fields change under the engine's control lock; the packet path reads them through volatile fields.
/// </summary>
internal sealed partial class MediaEndpoint
{
    /// <summary>Largest datagram accepted as RTP: an Ethernet MTU minus IP and UDP headers.</summary>
    public const int MaxPacketSize = 1472;

    /// <summary>
    /// Packets per second a leg may send before the rest of the second is dropped as a flood: 10 ms packetisation gives
    /// 100, RFC 4733 events add a few; anything far above is an attack or a loop.
    /// </summary>
    public const int MaxPacketsPerSecond = 250;

    private readonly MediaEngine _engine;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly MediaCounters _counters;
    private readonly DatagramReceiver _rtpReceiver;
    private readonly DatagramReceiver _rtcpReceiver;
    private readonly RtpReceiveStatistics _received = new();
    private volatile NegotiatedMedia? _media;
    private volatile G722Narrowband? _g722;
    private volatile SocketAddress? _rtpTarget;
    private volatile SocketAddress? _rtcpTarget;
    private volatile IPEndPoint? _latched;
    private volatile IPEndPoint? _rtcpLatched;
    private volatile MediaEndpoint? _peer;
    private volatile bool _relayToMe = true;
    private volatile bool _released;
    private long _lastReceivedAt;
    private bool _timeoutReported;
    private long _floodWindowStart;
    private int _floodWindowCount;
    private uint _lastSenderReport;
    private long _lastSenderReportAt;
    private ulong _sdpVersion;
    private byte[]? _reportBuffer;

    public MediaEndpoint(string id, string callId, IMediaEvents events, RtpPortPair ports, MediaEngine engine, int serial)
    {
        Id = id;
        CallId = callId;
        Events = events;
        Ports = ports;
        Serial = serial;
        _engine = engine;
        _logger = engine.Logger;
        _time = engine.Time;
        _counters = engine.Counters;
        SendStream = new RtpSendStream((uint)Random.Shared.Next() ^ (uint)serial, _time);
        _lastReceivedAt = _time.GetTimestamp();
        // One byte more than the largest packet accepted, so an oversized datagram shows as such even when truncated; one
        // pinned array for both sockets' halves, as the buffers live as long as the leg.
        const int bufferSize = MaxPacketSize + 1;
        var buffers = GC.AllocateUninitializedArray<byte>(2 * bufferSize, pinned: true);
        _rtpReceiver = new DatagramReceiver(ports.Rtp, buffers.AsMemory(0, bufferSize), (datagram, from) => OnDatagram(datagram, from, rtcp: false), OnReceiveError);
        _rtcpReceiver = new DatagramReceiver(ports.Rtcp, buffers.AsMemory(bufferSize), (datagram, from) => OnDatagram(datagram, from, rtcp: true), OnReceiveError);
    }

    public string Id { get; }

    /// <summary>o= sess-id of the SDP this node writes for the leg; constant for the leg's life (RFC 4566 section 5.2).</summary>
    public ulong SdpSessionId { get; init; }

    /// <summary>Direction of the last offer this node made, to interpret the answer.</summary>
    public MediaDirection OfferedDirection { get; set; }

    public string CallId { get; }

    public IMediaEvents Events { get; }

    public RtpPortPair Ports { get; }

    /// <summary>Allocation order, used to spread RTCP reports over the 5 s interval.</summary>
    public int Serial { get; }

    public RtpSendStream SendStream { get; }

    public NegotiatedMedia? Media => _media;

    /// <summary>The bridged partner, or null.</summary>
    public MediaEndpoint? Peer
    {
        get => _peer;
        set => _peer = value;
    }

    /// <summary>
    /// Whether the bridged partner's receive loop may write into this leg's send stream. Cleared while generated audio
    /// (prompt, tone, conference) owns the stream, and while DTMF keys are sent, so exactly one writer numbers its packets.
    /// </summary>
    public bool AcceptsRelay
    {
        get => _relayToMe && !_sendingDtmf;
        set => _relayToMe = value;
    }

    /// <summary>Where RTP comes from after latching, else null; a copy, as the latched object is the packet path's.</summary>
    public IPEndPoint? LatchedSource => _latched is { } latched ? new IPEndPoint(latched.Address, latched.Port) : null;

    /// <summary>The o= sess-version for the next SDP written: incremented on each (RFC 3264 section 8).</summary>
    public ulong NextSdpVersion() => ++_sdpVersion;

    /// <summary>Starts the receive loops; called once the endpoint is registered with the engine.</summary>
    public void Start()
    {
        _rtpReceiver.Start();
        _rtcpReceiver.Start();
    }

    /// <summary>
    /// Applies a negotiation result. The SDP address becomes the send target until RTP arrives; a new remote address
    /// (re-INVITE to another phone or port) clears the latch so the new source is accepted.
    /// </summary>
    public void Apply(NegotiatedMedia media)
    {
        var previous = _media;
        if (previous is null || !Equals(previous.Remote, media.Remote))
        {
            _latched = null;
            _rtcpLatched = null;
            _rtpTarget = media.Remote?.Serialize();
            _rtcpTarget = media.Remote is { } remote ? new IPEndPoint(remote.Address, remote.Port + 1).Serialize() : null;
        }
        // Created once and kept: the codec state must outlive a re-INVITE that keeps G.722, and a G.711 leg never needs it.
        if (media.Codec.IsG722)
            _g722 ??= new G722Narrowband();
        _media = media;
        // A leg coming off hold should not time out for the silence of the hold itself.
        Volatile.Write(ref _lastReceivedAt, _time.GetTimestamp());
        _timeoutReported = false;
    }

    /// <summary>Closes the sockets and waits for the receivers to end (closing them is their normal end, no exception).</summary>
    public async Task StopAsync()
    {
        // Before the keys are abandoned, whose refresh then takes the leg off the clock for good: a prompt started by a
        // request racing the release cannot put it back.
        _released = true;
        AbandonDtmf();
        _engine.Ports.Release(Ports);
        await _rtpReceiver.Stopped.ConfigureAwait(false);
        await _rtcpReceiver.Stopped.ConfigureAwait(false);
    }

    /// <summary>Sends a packet this node produced (generated audio) on the leg's RTP socket.</summary>
    public void SendGenerated(ReadOnlySpan<byte> packet)
    {
        if (_rtpTarget is not { } target)
            return;
        Send(Ports.Rtp, packet, target);
        _counters.OnGenerated();
    }

    private void Send(Socket socket, ReadOnlySpan<byte> packet, SocketAddress target)
    {
        try
        {
            socket.SendTo(packet, SocketFlags.None, target);
        }
        catch (SocketException e)
        {
            // UDP send fails only locally (no route, buffer full): lose this packet, keep the leg.
            LogSendFailed(Id, e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // Released between the check and the send: nothing left to send to.
        }
    }
}
