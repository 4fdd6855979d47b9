using System.Buffers;
using System.Globalization;
using System.Text;

namespace Pbx.EdgeSip.Parsing;

public abstract partial class SipMessage
{
    private static readonly byte[] ColonSpace = ": "u8.ToArray();
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    /// <summary>
    /// Writes the message in canonical form: long header names, folding removed, and a Content-Length that always
    /// matches the body (RFC 3261 18.3 makes it mandatory on streams, so it is always sent).
    /// </summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        WriteStartLine(output);
        for (var i = 0; i < _count; i++)
        {
            var header = _headers[i];
            if (header.Id == SipHeaderId.ContentLength)
                continue;
            if (header.Name is not null)
                Write(output, header.Name);
            else if (header.Id != SipHeaderId.Unknown)
                Write(output, SipHeaderNames.Name(header.Id));
            else
                output.Write(NameBytes(i));
            output.Write(ColonSpace);
            if (header.Value is null && !header.Folded)
                output.Write(ValueBytes(i));
            else
                Write(output, GetHeaderValue(i));
            output.Write(Crlf);
        }
        output.Write("Content-Length: "u8);
        WriteNumber(output, Body.Length);
        output.Write(Crlf);
        output.Write(Crlf);
        output.Write(Body.Span);
    }

    /// <summary>The serialized message as a new array (what transports send and transactions retransmit).</summary>
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(512 + Body.Length);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private protected abstract void WriteStartLine(IBufferWriter<byte> output);

    private protected static void WriteNumber(IBufferWriter<byte> output, int value)
    {
        var span = output.GetSpan(11);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    private protected static void Write(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
