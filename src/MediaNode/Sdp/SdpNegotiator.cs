using System.Net;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Sdp;

/// <summary>SDP offer/answer (RFC 3264) for one audio stream, with the codecs this node handles: PCMU, PCMA, G.722 and telephone-event.</summary>
public static class SdpNegotiator
{
    /// <summary>Packetisation interval the node sends and offers: 20 ms, the G.711 default (RFC 3551 section 4.5).</summary>
    public const int DefaultPtime = 20;

    /// <summary>
    /// Answers <paramref name="offer"/>: the first audio stream is accepted with the supported formats in the offerer's order,
    /// every other stream is rejected with port 0 as RFC 3264 section 6 requires (same number of m= lines, in order).
    /// </summary>
    public static (SdpSession Answer, NegotiatedMedia Media) Answer(SdpSession offer, string localAddress, int localPort, ulong sessionId, ulong version)
    {
        NegotiatedMedia? negotiated = null;
        var answerMedia = new List<SdpMedia>(offer.Media.Count);
        foreach (var media in offer.Media)
        {
            if (negotiated is null && media.Media == "audio" && media.Port != 0 && media.Protocol == "RTP/AVP")
            {
                var audio = media.Formats.Where(f => f.IsAudio).ToList();
                if (audio.Count > 0)
                {
                    var telephoneEvent = media.Formats.FirstOrDefault(f => f.IsTelephoneEvent);
                    var formats = telephoneEvent is null ? audio : [.. audio, telephoneEvent];
                    var direction = Reverse(media.Direction);
                    var ptime = media.Ptime ?? DefaultPtime;
                    negotiated = new NegotiatedMedia(
                        RemoteOf(offer, media), audio[0], telephoneEvent, direction, ptime);
                    answerMedia.Add(new SdpMedia("audio", localPort, "RTP/AVP", formats, direction, null, ptime, []));
                    continue;
                }
            }
            answerMedia.Add(media with { Port = 0, Formats = [], Connection = null, Ptime = null });
        }
        if (negotiated is null)
            throw new MediaNegotiationException("offer has no RTP/AVP audio stream with PCMU, PCMA or G722: answer 488");
        return (new SdpSession("pbx", sessionId, version, localAddress, answerMedia), negotiated);
    }

    /// <summary>
    /// An offer of one audio stream: PCMU, PCMA, then G.722 (narrowband first: a bridge to a G.711 phone then needs no
    /// transcoding), telephone-event 0-16, 20 ms, in <paramref name="direction"/>.
    /// </summary>
    /// <param name="preferred">A codec to list first, so a bridged call can avoid transcoding; null for the default order.</param>
    public static SdpSession Offer(string localAddress, int localPort, MediaDirection direction, ulong sessionId, ulong version, SdpFormat? preferred = null)
    {
        List<SdpFormat> formats = [SdpFormat.Pcmu, SdpFormat.Pcma, SdpFormat.G722];
        if (preferred is not null && formats.Find(preferred.SameCodec) is { } first)
        {
            formats.Remove(first);
            formats.Insert(0, first);
        }
        formats.Add(SdpFormat.TelephoneEvent);
        var media = new SdpMedia("audio", localPort, "RTP/AVP", formats, direction, null, DefaultPtime, []);
        return new SdpSession("pbx", sessionId, version, localAddress, [media]);
    }

    /// <summary>Applies the answer to an offer made by <see cref="Offer"/> with <paramref name="offeredDirection"/>.</summary>
    public static NegotiatedMedia AcceptAnswer(SdpSession answer, MediaDirection offeredDirection)
    {
        var media = answer.Media.FirstOrDefault(m => m.Media == "audio" && m.Port != 0)
            ?? throw new MediaNegotiationException("answer rejected the audio stream (no audio m= line with a port)");
        // RFC 3264 section 6.1: the answerer may only use formats from the offer, and we offered only these.
        var codec = media.Formats.FirstOrDefault(f => f.IsAudio)
            ?? throw new MediaNegotiationException("answer selects none of PCMU, PCMA and G722");
        var telephoneEvent = media.Formats.FirstOrDefault(f => f.IsTelephoneEvent);
        var direction = Intersect(offeredDirection, Reverse(media.Direction));
        return new NegotiatedMedia(RemoteOf(answer, media), codec, telephoneEvent, direction, media.Ptime ?? DefaultPtime);
    }

    /// <summary>The answer's direction for an offered one (RFC 3264 section 6.1): sendonly becomes recvonly and so on.</summary>
    public static MediaDirection Reverse(MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => MediaDirection.ReceiveOnly,
        MediaDirection.ReceiveOnly => MediaDirection.SendOnly,
        _ => direction,
    };

    private static MediaDirection Intersect(MediaDirection a, MediaDirection b)
    {
        var sends = Sends(a) && Sends(b);
        var receives = Receives(a) && Receives(b);
        return (sends, receives) switch
        {
            (true, true) => MediaDirection.SendReceive,
            (true, false) => MediaDirection.SendOnly,
            (false, true) => MediaDirection.ReceiveOnly,
            _ => MediaDirection.Inactive,
        };
    }

    private static bool Sends(MediaDirection d) => d is MediaDirection.SendReceive or MediaDirection.SendOnly;

    private static bool Receives(MediaDirection d) => d is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;

    private static IPEndPoint? RemoteOf(SdpSession session, SdpMedia media)
    {
        // RFC 3264 section 8.4: the old hold convention c=0.0.0.0 means "send nothing", as does an unparsable address (FQDN).
        if (session.ConnectionFor(media) is not { } text || !IPAddress.TryParse(text, out var address) || address.Equals(IPAddress.Any))
            return null;
        return new IPEndPoint(address, media.Port);
    }

    /// <summary>A fresh o= session id: the NTP-style timestamp RFC 4566 section 5.2 suggests.</summary>
    public static ulong NewSessionId(DateTimeOffset now) => (ulong)now.ToUnixTimeMilliseconds();
}
