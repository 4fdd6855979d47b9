using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// Option tags in Supported, Require and Unsupported (RFC 3261 19.2, 20.32, 20.37): comma-separated tokens over any number
/// of header lines, compared case-insensitively.
/// </summary>
public static class SipOptionTags
{
    /// <summary>Reliable provisional responses (RFC 3262).</summary>
    public const string Reliable = "100rel";

    /// <summary>Session timers (RFC 4028).</summary>
    public const string Timer = "timer";

    /// <summary>True when a <paramref name="header"/> line of <paramref name="message"/> lists <paramref name="tag"/>; reads the parsed bytes, allocating nothing.</summary>
    public static bool Lists(SipMessage message, SipHeaderId header, string tag)
    {
        Span<byte> wanted = stackalloc byte[tag.Length];
        Encoding.ASCII.GetBytes(tag, wanted);
        for (var i = 0; i < message.HeaderCount; i++)
        {
            if (message.GetHeaderId(i) != header)
                continue;
            var value = message.ValueBytes(i);
            foreach (var range in value.Split((byte)','))
            {
                if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), wanted))
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The tags of the request's Require lines that are not in <paramref name="supported"/>, comma-separated for an
    /// Unsupported header (RFC 3261 8.2.2.3), or null when every required tag is supported.
    /// </summary>
    public static string? Unsupported(SipRequest request, IReadOnlySet<string> supported)
    {
        List<string>? unsupported = null;
        foreach (var line in request.GetAll(SipHeaderId.Require))
        {
            foreach (var tag in line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!supported.Contains(tag))
                    (unsupported ??= []).Add(tag);
            }
        }
        return unsupported is null ? null : string.Join(", ", unsupported);
    }
}
