using System.Globalization;
using System.Net;
using System.Text;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Sdp;

/// <summary>Writes SDP text (RFC 4566) with CRLF line ends.</summary>
public static class SdpWriter
{
    /// <summary>Serialises <paramref name="session"/>; the connection address is written at session level when set.</summary>
    public static string Write(SdpSession session)
    {
        // Every answer and offer of a call goes through here: lines are formatted straight into the builder, with no
        // string per line or per payload type.
        var invariant = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(256);
        var origin = session.Connection ?? "0.0.0.0";
        sb.Append("v=0\r\n");
        sb.Append(invariant, $"o={session.OriginUser} {session.SessionId} {session.SessionVersion} IN {AddressType(origin)} {origin}\r\n");
        sb.Append("s=-\r\n");
        if (session.Connection is { } c)
            sb.Append(invariant, $"c=IN {AddressType(c)} {c}\r\n");
        sb.Append("t=0 0\r\n");
        foreach (var media in session.Media)
        {
            sb.Append(invariant, $"m={media.Media} {media.Port} {media.Protocol} ");
            if (media.Formats.Count > 0)
            {
                for (var i = 0; i < media.Formats.Count; i++)
                {
                    if (i > 0)
                        sb.Append(' ');
                    sb.Append(invariant, $"{media.Formats[i].PayloadType}");
                }
            }
            else
            {
                sb.AppendJoin(' ', media.FormatTokens);
            }
            sb.Append("\r\n");
            if (media.Connection is { } mc)
                sb.Append(invariant, $"c=IN {AddressType(mc)} {mc}\r\n");
            foreach (var format in media.Formats)
            {
                sb.Append(invariant, $"a=rtpmap:{format.PayloadType} {format.Encoding}/{format.ClockRate}\r\n");
                if (format.Parameters is { } fmtp)
                    sb.Append(invariant, $"a=fmtp:{format.PayloadType} {fmtp}\r\n");
            }
            if (media.Ptime is { } ptime)
                sb.Append(invariant, $"a=ptime:{ptime}\r\n");
            if (media.Port != 0)
                sb.Append("a=").Append(DirectionName(media.Direction)).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>The SDP attribute name of a direction.</summary>
    public static string DirectionName(MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.ReceiveOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    // Only an address with a colon can be IPv6: the usual IPv4 address is not parsed at all.
    private static string AddressType(string address) =>
        address.Contains(':') && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
}
