using System.Net.Sockets;

namespace Pbx.MediaNode.Rtp;

/// <summary>Bound RTP and RTCP sockets on an even port and the next odd one (RFC 3550 section 11).</summary>
/// <param name="RtpPort">The even port.</param>
/// <param name="Rtp">Socket bound to <paramref name="RtpPort"/>.</param>
/// <param name="Rtcp">Socket bound to <paramref name="RtpPort"/> + 1.</param>
internal sealed record RtpPortPair(int RtpPort, Socket Rtp, Socket Rtcp);
