using System.Net;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Sdp;

/// <summary>The outcome of offer/answer for one endpoint: where to send, in which format, and which way media flows.</summary>
/// <param name="Remote">Where the remote expects RTP according to its SDP; null when it gave none (c=0.0.0.0 hold, RFC 3264 section 8.4).</param>
/// <param name="Codec">The audio format both sides send: the first common one in the offerer's order (RFC 3264 section 6.1).</param>
/// <param name="TelephoneEvent">The RFC 4733 format when both sides support it, else null.</param>
/// <param name="Direction">Direction seen from this node: <see cref="MediaDirection.SendOnly"/> means the node sends but does not receive.</param>
/// <param name="Ptime">Packetisation interval in milliseconds.</param>
public sealed record NegotiatedMedia(IPEndPoint? Remote, SdpFormat Codec, SdpFormat? TelephoneEvent, MediaDirection Direction, int Ptime)
{
    /// <summary>True when this node should send RTP toward the remote.</summary>
    public bool Sends => Direction is MediaDirection.SendReceive or MediaDirection.SendOnly;

    /// <summary>True when this node should accept RTP from the remote.</summary>
    public bool Receives => Direction is MediaDirection.SendReceive or MediaDirection.ReceiveOnly;
}
