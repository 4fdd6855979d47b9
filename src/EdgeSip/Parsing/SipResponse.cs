using System.Globalization;
using System.Text;

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

    private protected override void WriteStartLine(StringBuilder line) =>
        line.Append("SIP/2.0 ").Append(StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase);
}
