using System.Globalization;
using System.Text;

namespace Pbx.Grains.Trunks;

/// <summary>
/// Holds SDP to the codecs a trunk allows: carriers bill, and sometimes fail calls, by codec, so the offer a carrier
/// gets lists only its trunk's codecs, in the trunk's order, and a carrier's offer is answered from those alone.
/// telephone-event (RFC 4733) always stays: DTMF is no codec.
/// </summary>
public static class TrunkCodecs
{
    /// <summary>
    /// <paramref name="sdp"/> with every audio m= line reduced to the payload types of <paramref name="allowed"/> (encoding
    /// names, in that order) plus telephone-event, and the a=rtpmap/a=fmtp lines of the others dropped. Null when an audio
    /// stream is left with no allowed codec, or there is no audio at all: the caller answers 488 (RFC 3261 13.3.1.1).
    /// </summary>
    public static string? Restrict(string sdp, IReadOnlyList<string> allowed)
    {
        var lines = sdp.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var output = new StringBuilder(sdp.Length);
        var audio = 0;
        var start = 0;
        while (start < lines.Count)
        {
            // A section runs from its m= line (or the session start) to the next m= line (RFC 4566 section 5).
            var end = start + 1;
            while (end < lines.Count && !lines[end].StartsWith("m=", StringComparison.Ordinal))
                end++;
            var section = lines.GetRange(start, end - start);
            if (section[0].StartsWith("m=audio ", StringComparison.Ordinal))
            {
                if (RestrictAudio(section, allowed) is not { } kept)
                    return null;
                section = kept;
                audio++;
            }
            foreach (var line in section)
                output.Append(line).Append("\r\n");
            start = end;
        }
        return audio > 0 ? output.ToString() : null;
    }

    private static List<string>? RestrictAudio(List<string> section, IReadOnlyList<string> allowed)
    {
        // m=<media> <port> <proto> <fmt> ... (RFC 4566 5.14)
        var tokens = section[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 4)
            return null;
        var offered = tokens[3..];
        var encodings = offered.ToDictionary(pt => pt, pt => StaticEncoding(pt), StringComparer.Ordinal);
        foreach (var line in section)
        {
            if (Attribute(line, "a=rtpmap:") is { } map && encodings.ContainsKey(map.PayloadType))
                encodings[map.PayloadType] = map.Value.Split('/')[0];
        }
        var kept = new List<string>();
        foreach (var codec in allowed)
            kept.AddRange(offered.Where(pt => string.Equals(encodings[pt], codec, StringComparison.OrdinalIgnoreCase) && !kept.Contains(pt)));
        if (kept.Count == 0)
            return null;
        kept.AddRange(offered.Where(pt => string.Equals(encodings[pt], "telephone-event", StringComparison.OrdinalIgnoreCase)));
        var result = new List<string> { string.Join(' ', tokens[..3].Concat(kept)) };
        foreach (var line in section.Skip(1))
        {
            if ((Attribute(line, "a=rtpmap:") ?? Attribute(line, "a=fmtp:")) is { } format && !kept.Contains(format.PayloadType))
                continue;
            result.Add(line);
        }
        return result;
    }

    /// <summary>The payload type and the rest of an <c>a=rtpmap:</c> or <c>a=fmtp:</c> line; null for other lines.</summary>
    private static (string PayloadType, string Value)? Attribute(string line, string prefix)
    {
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var rest = line[prefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (rest, "") : (rest[..space], rest[(space + 1)..].Trim());
    }

    // RFC 3551 section 6: static payload types may come without a=rtpmap.
    private static string StaticEncoding(string payloadType) => int.TryParse(payloadType, NumberStyles.None, CultureInfo.InvariantCulture, out var pt)
        ? pt switch { 0 => "PCMU", 3 => "GSM", 8 => "PCMA", 9 => "G722", 18 => "G729", _ => "" }
        : "";
}
