using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>The one table from parse error to reason phrase, and the throw helper the parser calls.</summary>
internal static class SipParseErrors
{
    private const int ExcerptLength = 40;

    public static string Describe(SipParseError error) => error switch
    {
        SipParseError.InvalidStartLine => "Bad Request - Malformed Start Line",
        SipParseError.InvalidMethod => "Bad Request - Invalid Method",
        SipParseError.InvalidRequestUri => "Bad Request - Malformed Request-URI",
        SipParseError.VersionNotSupported => "Version Not Supported",
        SipParseError.InvalidStatusCode => "Bad Request - Invalid Status Code",
        SipParseError.InvalidHeaderLine => "Bad Request - Malformed Header Line",
        SipParseError.MissingEmptyLine => "Bad Request - Header Section Not Terminated",
        SipParseError.MessageTooLarge => "Bad Request - Message Too Large",
        SipParseError.InvalidContentLength => "Bad Request - Invalid Content-Length",
        SipParseError.MultipleContentLength => "Bad Request - Multiple Content-Length Values",
        SipParseError.ContentLengthMissing => "Bad Request - Content-Length Required On Stream",
        SipParseError.ContentLengthLargerThanMessage => "Bad Request - Content-Length Larger Than Message",
        SipParseError.InvalidVia => "Bad Request - Malformed Via",
        SipParseError.InvalidNameAddress => "Bad Request - Malformed From/To/Contact",
        SipParseError.InvalidQuotedString => "Bad Request - Unterminated Quoted String",
        SipParseError.InvalidParameter => "Bad Request - Malformed Header Parameter",
        SipParseError.InvalidCSeq => "Bad Request - Invalid CSeq",
        SipParseError.CSeqMethodMismatch => "Bad Request - CSeq Method Does Not Match",
        SipParseError.InvalidCallId => "Bad Request - Invalid Call-ID",
        SipParseError.InvalidMaxForwards => "Bad Request - Invalid Max-Forwards",
        _ => "Bad Request",
    };

    [DoesNotReturn]
    public static void Throw(SipParseError error, ReadOnlySpan<byte> around) =>
        throw new SipParseException(error, Escape(around));

    /// <summary>Printable ASCII kept, the rest as \xHH, so the excerpt is safe in logs and reason phrases.</summary>
    private static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(ExcerptLength + 8);
        foreach (var b in bytes[..Math.Min(bytes.Length, ExcerptLength)])
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\')
                text.Append((char)b);
            else
                text.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
