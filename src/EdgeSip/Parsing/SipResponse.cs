using System.Buffers;

namespace Pbx.EdgeSip.Parsing;

/// <summary>A SIP response: status code, reason phrase and headers (RFC 3261 7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string reasonPhrase)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    internal SipResponse(int statusCode, string reasonPhrase, byte[] buffer, SipHeader[] headers, int count, ReadOnlyMemory<byte> body)
        : base(buffer, headers, count, body)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    private protected override void WriteStartLine(IBufferWriter<byte> output)
    {
        output.Write("SIP/2.0 "u8);
        WriteNumber(output, StatusCode);
        output.Write(" "u8);
        Write(output, ReasonPhrase);
        output.Write("\r\n"u8);
    }
}
