using System.Text;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Hosting;

/// <summary>
/// The answer to a request that failed to parse: 400 (or 505) whose reason phrase names the fault, built by a lenient
/// scan that copies Via, From, To, Call-ID and CSeq as they are (RFC 3261 8.2.6). Nothing for responses and ACKs,
/// which are never answered, nor for messages without a Via, which the sender could not match.
/// </summary>
internal static class SipErrorResponder
{
    private static readonly SipHeaderId[] Copied = [SipHeaderId.Via, SipHeaderId.From, SipHeaderId.To, SipHeaderId.CallId, SipHeaderId.CSeq];

    public static SipResponse? Create(ReadOnlySpan<byte> bytes, SipParseException error, IReadOnlySet<string> knownMethods, string allow)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, SipMessageParser.MaxHeaderSize)]);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = Unfold((end < 0 ? text : text[..end]).Split("\r\n"));
        var space = lines[0].IndexOf(' ', StringComparison.Ordinal);
        var method = space < 0 ? lines[0] : lines[0][..space];
        if (lines[0].StartsWith("SIP/", StringComparison.Ordinal) || method == "ACK")
            return null;

        // RFC 4475 3.1.2.18: an unknown method is reported as such (501) even when CSeq does not match it.
        var notImplemented = error.Error == SipParseError.CSeqMethodMismatch && !knownMethods.Contains(method);
        var response = notImplemented
            ? new SipResponse(501, "Not Implemented")
            : new SipResponse(error.StatusCode, error.ReasonPhrase);
        var hasVia = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var id = SipHeaderNames.Lookup(line[..colon].TrimEnd());
            if (Array.IndexOf(Copied, id) < 0)
                continue;
            var value = line[(colon + 1)..].Trim();
            if (id == SipHeaderId.To && !value.Contains(";tag=", StringComparison.OrdinalIgnoreCase))
                value += ";tag=" + SipResponseFactory.NewTag();
            hasVia |= id == SipHeaderId.Via;
            response.Add(id, value);
        }
        if (!hasVia)
            return null;
        if (notImplemented)
            response.Add(SipHeaderId.Allow, allow);
        return response;
    }

    private static List<string> Unfold(string[] lines)
    {
        var unfolded = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            if (unfolded.Count > 0 && line.Length > 0 && line[0] is ' ' or '\t')
                unfolded[^1] += " " + line.Trim();
            else
                unfolded.Add(line);
        }
        return unfolded;
    }
}
