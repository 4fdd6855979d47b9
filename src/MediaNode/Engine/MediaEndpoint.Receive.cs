using System.Net;
using System.Net.Sockets;
using Pbx.MediaNode.Rtcp;
using Pbx.MediaNode.Rtp;

namespace Pbx.MediaNode.Engine;

/// <summary>The packet path: receive, check, latch, relay. Nothing here allocates or takes a lock per packet.</summary>
internal sealed partial class MediaEndpoint
{
    /// <summary>One datagram from either socket of the pair; <paramref name="rtcp"/> picks the handler.</summary>
    private void OnDatagram(Span<byte> datagram, IPEndPoint from, bool rtcp)
    {
        try
        {
            if (rtcp)
                OnRtcp(datagram, from);
            else
                OnRtp(datagram, from);
        }
        catch (Exception e)
        {
            // A bug in handling one packet must not silence the leg for the rest of the call.
            LogPacketFailed(e, Id);
        }
    }

    private void OnReceiveError(SocketError error)
    {
        if (error == SocketError.MessageSize)
            Drop(RtpDropReason.Oversized);
        else
            // An ICMP error reported on the socket (port unreachable after a send): the leg carries on.
            LogReceiveFailed(Id, error);
    }

    private void OnRtp(Span<byte> packet, IPEndPoint from)
    {
        if (packet.Length > MaxPacketSize)
        {
            Drop(RtpDropReason.Oversized);
            return;
        }
        if (!RtpPacket.TryGetPayload(packet, out var payloadOffset, out var payloadLength) || RtpPacket.LooksLikeRtcp(packet))
        {
            Drop(RtpDropReason.Malformed);
            return;
        }
        var latched = _latched;
        if (latched is not null && !latched.Equals(from))
        {
            Drop(RtpDropReason.UnexpectedSource);
            return;
        }
        var media = _media;
        if (media is null || !media.Receives)
        {
            Drop(RtpDropReason.NotReceiving);
            return;
        }
        var payloadType = RtpPacket.PayloadType(packet);
        var isEvent = payloadType == media.TelephoneEvent?.PayloadType;
        if (payloadType != media.Codec.PayloadType && !isEvent)
        {
            Drop(RtpDropReason.WrongPayloadType);
            return;
        }
        var now = _time.GetTimestamp();
        if (!Admit(now))
        {
            Drop(RtpDropReason.Flood);
            return;
        }
        if (latched is null)
            Latch(from);

        _counters.OnReceived();
        Volatile.Write(ref _lastReceivedAt, now);
        _received.Record(RtpPacket.Ssrc(packet), RtpPacket.Sequence(packet), RtpPacket.Timestamp(packet), ToSamples(now));

        var payload = packet.Slice(payloadOffset, payloadLength);
        if (isEvent)
            OnTelephoneEvent(packet, payload);
        else
            OnAudio(packet, payload, media);
    }

    /// <summary>
    /// Symmetric RTP (RFC 4961): media goes back to where it comes from, which reaches a phone behind NAT whatever its SDP
    /// says. The first valid packet fixes the source; later ones from elsewhere are dropped until a new negotiation.
    /// </summary>
    private void Latch(IPEndPoint from)
    {
        // The receiver replaces its source object when the source changes, never alters it: it can be kept as is.
        _latched = from;
        _rtpTarget = from.Serialize();
        // Until the phone's own RTCP arrives, reports go to the port above its RTP source (RFC 3550 section 11).
        if (_rtcpLatched is null)
            _rtcpTarget = new IPEndPoint(from.Address, from.Port + 1).Serialize();
        LogLatched(Id, from);
    }

    private void OnAudio(Span<byte> packet, Span<byte> payload, Sdp.NegotiatedMedia media)
    {
        var decoded = CaptureAudio(payload, media);
        if (_peer is { AcceptsRelay: true } peer)
            peer.Relay(packet, payload, media, this, decoded);
    }

    private void OnTelephoneEvent(Span<byte> packet, Span<byte> payload)
    {
        DetectTelephoneEvent(packet, payload);
        // RFC 4733 section 2.5.1: events go to the bridged leg only if it negotiated telephone-event; otherwise they are consumed.
        if (_peer is { AcceptsRelay: true, Media.TelephoneEvent: { } peerEvent } peer)
            peer.RelayEvent(packet, payload, peerEvent.PayloadType, this);
    }

    /// <summary>
    /// Sends a packet received on <paramref name="source"/> out of this leg, in this leg's codec and numbering. Runs on the
    /// source's receive loop; <paramref name="decoded"/> is the payload as samples when the source already decoded it.
    /// </summary>
    private void Relay(Span<byte> packet, Span<byte> payload, Sdp.NegotiatedMedia sourceMedia, MediaEndpoint source, ReadOnlySpan<short> decoded)
    {
        var media = _media;
        var target = _rtpTarget;
        if (media is null || !media.Sends || target is null)
            return;
        if (!sourceMedia.Codec.SameCodec(media.Codec) && !AudioTranscoder.TryTranscode(sourceMedia.Codec, media.Codec, payload))
        {
            // G.722 on one side: through 8 kHz samples; one byte per sample either way, so the packet keeps its size.
            if (decoded.IsEmpty)
                decoded = source.Decode(payload, sourceMedia);
            AudioTranscoder.Encode(media.Codec, _g722, decoded, payload);
        }
        SendStream.Relay(packet, media.Codec.PayloadType, source, payload.Length);
        Send(Ports.Rtp, packet, target);
        _counters.OnForwarded();
    }

    private void RelayEvent(Span<byte> packet, Span<byte> payload, int payloadType, MediaEndpoint source)
    {
        var media = _media;
        var target = _rtpTarget;
        if (media is null || !media.Sends || target is null)
            return;
        SendStream.Relay(packet, payloadType, source, payload.Length);
        Send(Ports.Rtp, packet, target);
        _counters.OnForwarded();
    }

    private bool Admit(long now)
    {
        if (_time.GetElapsedTime(_floodWindowStart, now) >= TimeSpan.FromSeconds(1))
        {
            _floodWindowStart = now;
            _floodWindowCount = 0;
        }
        return ++_floodWindowCount <= MaxPacketsPerSecond;
    }

    private void Drop(RtpDropReason reason) => _counters.OnDropped(reason);

    private long ToSamples(long timestamp) => (long)(timestamp * (8000.0 / _time.TimestampFrequency));

    private void OnRtcp(Span<byte> packet, IPEndPoint from)
    {
        if (packet.Length > MaxPacketSize)
        {
            Drop(RtpDropReason.Oversized);
            return;
        }
        if (!RtcpReport.TryValidate(packet, out var senderReport))
        {
            Drop(RtpDropReason.Malformed);
            return;
        }
        // RTCP latches on its own first valid packet, like RTP (RFC 4961 symmetric RTCP): reports then go back there.
        if (_rtcpLatched is { } latched && !latched.Equals(from))
        {
            Drop(RtpDropReason.UnexpectedSource);
            return;
        }
        if (_rtcpLatched is null)
        {
            _rtcpLatched = from;
            _rtcpTarget = from.Serialize();
        }
        _counters.OnRtcpReceived();
        if (senderReport != 0)
        {
            // Kept for the LSR/DLSR fields of our next report, from which the far end computes the round trip (RFC 3550 section 6.4.1).
            Volatile.Write(ref _lastSenderReport, senderReport);
            Volatile.Write(ref _lastSenderReportAt, _time.GetTimestamp());
        }
    }
}
