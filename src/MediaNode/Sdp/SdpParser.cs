using System.Globalization;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Sdp;

/// <summary>Parses SDP text (RFC 4566). SDP arrives once per offer or answer, so strings are fine here, unlike the RTP path.</summary>
public static class SdpParser
{
    /// <summary>Parses <paramref name="text"/>, or throws <see cref="MediaNegotiationException"/> naming the offending line.</summary>
    public static SdpSession Parse(string text)
    {
        string? originUser = null;
        ulong sessionId = 0, sessionVersion = 0;
        string? sessionConnection = null;
        var media = new List<SdpMedia>();
        MediaBuilder? current = null;
        var sessionDirection = MediaDirection.SendReceive;

        foreach (var rawLine in text.Split('\n'))
        {
            // RFC 4566 section 5: lines end in CRLF, but parsers should also accept a bare LF.
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            if (line.Length < 2 || line[1] != '=')
                throw Invalid("not a type=value line", line);
            var value = line[2..];
            switch (line[0])
            {
                case 'o':
                    var origin = value.Split(' ');
                    if (origin.Length != 6 || !ulong.TryParse(origin[1], CultureInfo.InvariantCulture, out sessionId)
                        || !ulong.TryParse(origin[2], CultureInfo.InvariantCulture, out sessionVersion))
                        throw Invalid("o= needs username, numeric sess-id and sess-version, nettype, addrtype, address", line);
                    originUser = origin[0];
                    break;
                case 'c':
                    var address = ParseConnection(value, line);
                    if (current is null)
                        sessionConnection = address;
                    else
                        current.Connection = address;
                    break;
                case 'm':
                    if (current is not null)
                        media.Add(current.Build());
                    current = MediaBuilder.Start(value, line, sessionDirection);
                    break;
                case 'a':
                    if (current is null)
                        sessionDirection = ParseDirection(value) ?? sessionDirection;
                    else
                        current.Attribute(value, line);
                    break;
            }
        }
        if (current is not null)
            media.Add(current.Build());
        if (originUser is null)
            throw Invalid("missing o= line", "");
        return new SdpSession(originUser, sessionId, sessionVersion, sessionConnection, media);
    }

    private static string ParseConnection(string value, string line)
    {
        // c=<nettype> <addrtype> <connection-address>; a multicast address may carry /ttl, which we do not serve.
        var parts = value.Split(' ');
        if (parts.Length != 3 || parts[0] != "IN" || (parts[1] != "IP4" && parts[1] != "IP6"))
            throw Invalid("c= must be IN IP4|IP6 <address>", line);
        return parts[2];
    }

    internal static MediaDirection? ParseDirection(string attribute) => attribute switch
    {
        "sendrecv" => MediaDirection.SendReceive,
        "sendonly" => MediaDirection.SendOnly,
        "recvonly" => MediaDirection.ReceiveOnly,
        "inactive" => MediaDirection.Inactive,
        _ => null,
    };

    private static MediaNegotiationException Invalid(string why, string line) =>
        new($"invalid SDP: {why} (line '{(line.Length > 80 ? line[..80] : line)}')");

    private sealed class MediaBuilder
    {
        private readonly Dictionary<int, (string Encoding, int Rate)> _rtpMaps = [];
        private readonly Dictionary<int, string> _fmtps = [];
        private string _media = "";
        private int _port;
        private string _protocol = "";
        private string[] _tokens = [];
        private MediaDirection _direction;
        private int? _ptime;

        public string? Connection { get; set; }

        public static MediaBuilder Start(string value, string line, MediaDirection sessionDirection)
        {
            // m=<media> <port>[/<count>] <proto> <fmt> ...
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var portText = parts.Length >= 3 ? parts[1].Split('/')[0] : "";
            if (parts.Length < 4 || !int.TryParse(portText, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
                throw Invalid("m= needs media, port, protocol and at least one format", line);
            return new MediaBuilder
            {
                _media = parts[0], _port = port, _protocol = parts[2], _tokens = parts[3..], _direction = sessionDirection,
            };
        }

        public void Attribute(string value, string line)
        {
            if (ParseDirection(value) is { } direction)
            {
                _direction = direction;
                return;
            }
            var colon = value.IndexOf(':');
            if (colon < 0)
                return;
            var name = value[..colon];
            var rest = value[(colon + 1)..];
            switch (name)
            {
                case "rtpmap":
                    // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
                    var space = rest.IndexOf(' ');
                    var spec = space < 0 ? [] : rest[(space + 1)..].Split('/');
                    if (space < 0 || spec.Length < 2 || !int.TryParse(rest[..space], CultureInfo.InvariantCulture, out var pt)
                        || !int.TryParse(spec[1], CultureInfo.InvariantCulture, out var rate))
                        throw Invalid("a=rtpmap needs <pt> <encoding>/<rate>", line);
                    _rtpMaps[pt] = (spec[0], rate);
                    break;
                case "fmtp":
                    var gap = rest.IndexOf(' ');
                    if (gap > 0 && int.TryParse(rest[..gap], CultureInfo.InvariantCulture, out var fmtPt))
                        _fmtps[fmtPt] = rest[(gap + 1)..];
                    break;
                case "ptime":
                    if (int.TryParse(rest, CultureInfo.InvariantCulture, out var ptime) && ptime > 0)
                        _ptime = ptime;
                    break;
            }
        }

        public SdpMedia Build()
        {
            var formats = new List<SdpFormat>(_tokens.Length);
            foreach (var token in _tokens)
            {
                if (!int.TryParse(token, CultureInfo.InvariantCulture, out var pt) || pt is < 0 or > 127)
                    continue;
                _fmtps.TryGetValue(pt, out var fmtp);
                if (_rtpMaps.TryGetValue(pt, out var map))
                    formats.Add(new SdpFormat(pt, map.Encoding, map.Rate, fmtp));
                else if (StaticName(pt) is { } name)
                    formats.Add(new SdpFormat(pt, name, 8000, fmtp));
            }
            return new SdpMedia(_media, _port, _protocol, formats, _direction, Connection, _ptime, _tokens);
        }

        // RFC 3551 section 6: static payload types may be used without a=rtpmap; only the audio codecs of this node matter here.
        private static string? StaticName(int pt) => pt switch { 0 => "PCMU", 8 => "PCMA", 9 => "G722", _ => null };
    }
}
