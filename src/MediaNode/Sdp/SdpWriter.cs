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
        var sb = new StringBuilder(256);
        var origin = session.Connection ?? "0.0.0.0";
        Line(sb, $"v=0");
        Line(sb, $"o={session.OriginUser} {session.SessionId} {session.SessionVersion} IN {AddressType(origin)} {origin}");
        Line(sb, $"s=-");
        if (session.Connection is { } c)
            Line(sb, $"c=IN {AddressType(c)} {c}");
        Line(sb, $"t=0 0");
        foreach (var media in session.Media)
        {
            var tokens = media.Formats.Count > 0
                ? string.Join(' ', media.Formats.Select(f => f.PayloadType.ToString(CultureInfo.InvariantCulture)))
                : string.Join(' ', media.FormatTokens);
            Line(sb, $"m={media.Media} {media.Port} {media.Protocol} {tokens}");
            if (media.Connection is { } mc)
                Line(sb, $"c=IN {AddressType(mc)} {mc}");
            foreach (var format in media.Formats)
            {
                Line(sb, $"a=rtpmap:{format.PayloadType} {format.Encoding}/{format.ClockRate}");
                if (format.Parameters is { } fmtp)
                    Line(sb, $"a=fmtp:{format.PayloadType} {fmtp}");
            }
            if (media.Ptime is { } ptime)
                Line(sb, $"a=ptime:{ptime}");
            if (media.Port != 0)
                Line(sb, $"a={DirectionName(media.Direction)}");
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

    private static string AddressType(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4";

    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");
}
