using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// Parses SIP messages from bytes (RFC 3261 sections 7, 18.3 and 25) in the manner of Kestrel's HTTP/1 parser: one pass over
/// the span, headers kept as offsets, every structured header validated without allocating, faults thrown as
/// <see cref="SipParseException"/>. Datagrams hold one message; streams are framed by Content-Length.
/// </summary>
public static class SipMessageParser
{
    /// <summary>Header section bigger than this on a stream, or a body bigger than <see cref="MaxBodySize"/>, is refused.</summary>
    public const int MaxHeaderSize = 65536;

    public const int MaxBodySize = 1 << 20;

    private static readonly string[] KnownMethods =
        ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH"];

    private static readonly byte[][] KnownMethodBytes = Array.ConvertAll(KnownMethods, Encoding.ASCII.GetBytes);

    /// <summary>
    /// One UDP datagram (RFC 3261 18.3): without Content-Length the body runs to the end; with it, trailing octets are
    /// ignored (RFC 4475 3.1.1.8) and a value past the end is an error (3.1.2.2).
    /// </summary>
    public static SipMessage ParseDatagram(ReadOnlySpan<byte> datagram)
    {
        var skip = LeadingLineEnds(datagram);
        Parse(datagram[skip..], stream: false, out var message, out _);
        return message!;
    }

    /// <summary>
    /// Next message of a stream. False = need more bytes, nothing consumed. Leading CRLF keep-alives (RFC 5626 3.5.1)
    /// must be skipped first with <see cref="LeadingLineEnds"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> stream, [NotNullWhen(true)] out SipMessage? message, out int consumed) =>
        Parse(stream, stream: true, out message, out consumed);

    /// <summary>Count of CR and LF bytes before the start line (RFC 3261 7.5: ignored).</summary>
    public static int LeadingLineEnds(ReadOnlySpan<byte> input)
    {
        var index = input.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        return index < 0 ? input.Length : index;
    }

    private static bool Parse(ReadOnlySpan<byte> input, bool stream, out SipMessage? message, out int consumed)
    {
        message = null;
        consumed = 0;
        var blank = input.IndexOf("\r\n\r\n"u8);
        int headerEnd, bodyStart;
        if (blank >= 0)
        {
            headerEnd = blank + 2;
            bodyStart = blank + 4;
        }
        else if (stream)
        {
            if (input.Length > MaxHeaderSize)
                SipParseErrors.Throw(SipParseError.MessageTooLarge, input);
            return false;
        }
        else
        {
            if (input.IsEmpty)
                SipParseErrors.Throw(SipParseError.InvalidStartLine, input);
            // A datagram that ends without the empty line: its end closes the header section.
            headerEnd = input.Length;
            bodyStart = input.Length;
        }

        var lineEnd = input[..headerEnd].IndexOf("\r\n"u8);
        if (lineEnd < 0)
            lineEnd = headerEnd;
        var startLine = input[..lineEnd];
        var isResponse = startLine.StartsWith("SIP/"u8);

        var headers = ArrayPool<SipHeader>.Shared.Rent(24);
        var handedOver = false;
        try
        {
            Range methodRange = default, uriRange = default;
            int statusCode = 0;
            if (isResponse)
                statusCode = ParseStatusLine(startLine);
            else
                ParseRequestLine(startLine, out methodRange, out uriRange);

            var count = 0;
            var contentLength = -1;
            Range cseqMethod = default;
            var position = Math.Min(lineEnd + 2, headerEnd);
            while (position < headerEnd)
            {
                var end = FindLineEnd(input, position, headerEnd, out var folded);
                var header = ParseHeaderLine(input, position, end, folded);
                Validate(input.Slice(header.ValueStart, header.ValueLength), header.Id, header.ValueStart, ref contentLength, ref cseqMethod);
                if (count == headers.Length)
                    headers = Grow(headers);
                headers[count++] = header;
                position = end + 2;
            }

            if (!isResponse && !cseqMethod.Equals(default(Range)) && !input[cseqMethod].SequenceEqual(input[methodRange]))
                SipParseErrors.Throw(SipParseError.CSeqMethodMismatch, input[cseqMethod]);

            int bodyLength;
            if (contentLength >= 0)
            {
                if (input.Length - bodyStart < contentLength)
                {
                    if (stream)
                        return false;
                    SipParseErrors.Throw(SipParseError.ContentLengthLargerThanMessage, input[bodyStart..]);
                }
                bodyLength = contentLength;
            }
            else if (stream)
            {
                SipParseErrors.Throw(SipParseError.ContentLengthMissing, startLine);
                return false;
            }
            else
            {
                bodyLength = input.Length - bodyStart;
            }

            consumed = bodyStart + bodyLength;
            var buffer = ArrayPool<byte>.Shared.Rent(consumed);
            input[..consumed].CopyTo(buffer);
            var body = new ReadOnlyMemory<byte>(buffer, bodyStart, bodyLength);
            message = isResponse
                ? new SipResponse(statusCode, Encoding.UTF8.GetString(ReasonPhrase(startLine)), buffer, headers, count, body)
                : new SipRequest(Method(startLine[methodRange]), uriRange, buffer, headers, count, body);
            handedOver = true;
            return true;
        }
        finally
        {
            if (!handedOver)
                ArrayPool<SipHeader>.Shared.Return(headers);
        }
    }

    /// <summary>Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP each (RFC 4475 3.1.2.8-3.1.2.10).</summary>
    private static void ParseRequestLine(ReadOnlySpan<byte> line, out Range method, out Range uri)
    {
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0)
            SipParseErrors.Throw(SipParseError.InvalidStartLine, line);
        if (sp1 == 0 || line[..sp1].ContainsAnyExcept(SipChars.Token))
            SipParseErrors.Throw(SipParseError.InvalidMethod, line);
        var sp2 = line[(sp1 + 1)..].IndexOf((byte)' ');
        if (sp2 < 0)
            SipParseErrors.Throw(SipParseError.InvalidStartLine, line);
        if (sp2 == 0)
            SipParseErrors.Throw(SipParseError.InvalidRequestUri, line);
        method = 0..sp1;
        uri = (sp1 + 1)..(sp1 + 1 + sp2);
        var version = line[(sp1 + 2 + sp2)..];
        if (version.Contains((byte)' ') && !version.StartsWith("SIP/"u8))
            SipParseErrors.Throw(SipParseError.InvalidRequestUri, line);
        CheckVersion(version);
        CheckRequestUri(line[uri]);
    }

    /// <summary>
    /// Request-URI: a scheme and no white space or brackets (RFC 4475 3.1.2.7); a SIP URI here may not carry headers
    /// (RFC 3261 19.1.1 table, RFC 4475 3.1.2.11). '?' before the '@' is part of the user and allowed (3.1.1.2).
    /// </summary>
    private static void CheckRequestUri(ReadOnlySpan<byte> uri)
    {
        var colon = uri.IndexOf((byte)':');
        if (colon <= 0 || colon == uri.Length - 1 || !SipGrammar.IsScheme(uri[..colon]) || uri.IndexOfAny(SipChars.NotInUri) >= 0)
            SipParseErrors.Throw(SipParseError.InvalidRequestUri, uri);
        var scheme = uri[..colon];
        if (Ascii.EqualsIgnoreCase(scheme, "sip"u8) || Ascii.EqualsIgnoreCase(scheme, "sips"u8))
        {
            var hostPart = uri[(uri.LastIndexOf((byte)'@') + 1)..];
            if (hostPart.Contains((byte)'?'))
                SipParseErrors.Throw(SipParseError.InvalidRequestUri, uri);
        }
    }

    /// <summary>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; anything but 2.0 is answered 505 (RFC 3261 8.2.2.x, RFC 4475 3.1.2.16).</summary>
    private static void CheckVersion(ReadOnlySpan<byte> version)
    {
        if (version.SequenceEqual("SIP/2.0"u8))
            return;
        var numbers = version.StartsWith("SIP/"u8) ? version[4..] : [];
        var dot = numbers.IndexOf((byte)'.');
        if (dot <= 0 || dot == numbers.Length - 1 || numbers[..dot].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            || numbers[(dot + 1)..].ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            SipParseErrors.Throw(SipParseError.InvalidStartLine, version);
        SipParseErrors.Throw(SipParseError.VersionNotSupported, version);
    }

    /// <summary>Status-Line = SIP-Version SP 3DIGIT SP Reason-Phrase; codes 100-699 (RFC 4475 3.1.2.19, 3.1.1.13).</summary>
    private static int ParseStatusLine(ReadOnlySpan<byte> line)
    {
        var sp = line.IndexOf((byte)' ');
        if (sp < 0)
            SipParseErrors.Throw(SipParseError.InvalidStartLine, line);
        CheckVersion(line[..sp]);
        var code = line[(sp + 1)..];
        if (code.Length < 3 || code[..3].ContainsAnyExceptInRange((byte)'0', (byte)'9') || (code.Length > 3 && code[3] != (byte)' '))
            SipParseErrors.Throw(SipParseError.InvalidStatusCode, line);
        var status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
        if (status is < 100 or > 699)
            SipParseErrors.Throw(SipParseError.InvalidStatusCode, line);
        return status;
    }

    private static ReadOnlySpan<byte> ReasonPhrase(ReadOnlySpan<byte> statusLine)
    {
        var afterVersion = statusLine.IndexOf((byte)' ') + 1;
        var afterCode = afterVersion + 4;
        return afterCode <= statusLine.Length ? statusLine[afterCode..] : [];
    }

    private static string Method(ReadOnlySpan<byte> method)
    {
        for (var i = 0; i < KnownMethodBytes.Length; i++)
        {
            if (method.SequenceEqual(KnownMethodBytes[i]))
                return KnownMethods[i];
        }
        return Encoding.ASCII.GetString(method);
    }

    /// <summary>End of a logical header line: the CRLF not followed by SP or HTAB (RFC 3261 7.3.1 folding).</summary>
    private static int FindLineEnd(ReadOnlySpan<byte> input, int from, int headerEnd, out bool folded)
    {
        folded = false;
        var position = from;
        while (true)
        {
            var crlf = input[position..headerEnd].IndexOf("\r\n"u8);
            if (crlf < 0)
                return headerEnd;
            var end = position + crlf;
            if (end + 2 < headerEnd && input[end + 2] is (byte)' ' or (byte)'\t')
            {
                folded = true;
                position = end + 2;
                continue;
            }
            return end;
        }
    }

    /// <summary>header = field-name HCOLON field-value; HCOLON = *(SP / HTAB) ":" SWS; names are tokens, compared case-insensitively.</summary>
    private static SipHeader ParseHeaderLine(ReadOnlySpan<byte> input, int start, int end, bool folded)
    {
        var line = input[start..end];
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
            SipParseErrors.Throw(SipParseError.InvalidHeaderLine, line);
        var name = line[..colon].TrimEnd(" \t"u8);
        if (name.IsEmpty || name.ContainsAnyExcept(SipChars.Token))
            SipParseErrors.Throw(SipParseError.InvalidHeaderLine, line);
        var valueStart = colon + 1;
        var value = line[valueStart..];
        var leading = value.IndexOfAnyExcept(SipChars.Lws);
        if (leading < 0)
        {
            valueStart = line.Length;
            value = [];
        }
        else
        {
            valueStart += leading;
            value = value[leading..].TrimEnd(" \t\r\n"u8);
        }
        return new SipHeader(SipHeaderNames.Lookup(name), start, name.Length, start + valueStart, value.Length, folded && value.IndexOfAny((byte)'\r', (byte)'\n') >= 0);
    }

    private static void Validate(ReadOnlySpan<byte> value, SipHeaderId id, int valueStart, ref int contentLength, ref Range cseqMethod)
    {
        switch (id)
        {
            case SipHeaderId.Via:
            {
                var reader = new SipValueReader(value, SipParseError.InvalidVia);
                do
                    SipGrammar.ReadVia(ref reader, out _);
                while (reader.NextListValue());
                break;
            }
            case SipHeaderId.From or SipHeaderId.To:
            {
                var reader = new SipValueReader(value, SipParseError.InvalidNameAddress);
                SipGrammar.ReadNameAddr(ref reader, allowStar: false, out _);
                reader.SkipLws();
                reader.ExpectEnd();
                break;
            }
            case SipHeaderId.Contact or SipHeaderId.Route or SipHeaderId.RecordRoute:
            {
                var reader = new SipValueReader(value, SipParseError.InvalidNameAddress);
                do
                    SipGrammar.ReadNameAddr(ref reader, allowStar: id == SipHeaderId.Contact, out _);
                while (reader.NextListValue());
                break;
            }
            case SipHeaderId.CSeq:
            {
                var reader = new SipValueReader(value, SipParseError.InvalidCSeq);
                SipGrammar.ReadCSeq(ref reader, out var method);
                cseqMethod = (valueStart + method.Start.Value)..(valueStart + method.End.Value);
                break;
            }
            case SipHeaderId.CallId:
            {
                var reader = new SipValueReader(value, SipParseError.InvalidCallId);
                SipGrammar.ReadCallId(ref reader);
                break;
            }
            case SipHeaderId.MaxForwards:
            {
                // Max-Forwards = 1*DIGIT, 0-255 (RFC 3261 20.22; RFC 4475 3.1.2.4 lists 300 as overlarge).
                var reader = new SipValueReader(value, SipParseError.InvalidMaxForwards);
                reader.ReadNumber(255);
                reader.ExpectEnd();
                break;
            }
            case SipHeaderId.ContentLength:
            {
                // RFC 4475 3.3.9: two Content-Length values leave the framing unknowable.
                if (contentLength >= 0)
                    SipParseErrors.Throw(SipParseError.MultipleContentLength, value);
                var reader = new SipValueReader(value, SipParseError.InvalidContentLength);
                contentLength = (int)reader.ReadNumber(MaxBodySize);
                reader.ExpectEnd();
                break;
            }
        }
    }

    private static SipHeader[] Grow(SipHeader[] headers)
    {
        var grown = ArrayPool<SipHeader>.Shared.Rent(headers.Length * 2);
        headers.CopyTo(grown, 0);
        ArrayPool<SipHeader>.Shared.Return(headers);
        return grown;
    }
}
