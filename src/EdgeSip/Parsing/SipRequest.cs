using System.Buffers;

namespace Pbx.EdgeSip.Parsing;

/// <summary>A SIP request: method, Request-URI and headers (RFC 3261 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private readonly int _uriStart;
    private readonly int _uriLength;
    private string? _uriText;
    private SipUri? _uri;

    public SipRequest(string method, SipUri uri)
    {
        Method = method;
        _uri = uri;
    }

    internal SipRequest(string method, Range uri, byte[] buffer, SipHeader[] headers, int count, ReadOnlyMemory<byte> body)
        : base(buffer, headers, count, body)
    {
        Method = method;
        _uriStart = uri.Start.Value;
        _uriLength = uri.End.Value - _uriStart;
    }

    /// <summary>Method, case-sensitive (RFC 3261 7.1): "register" is not REGISTER.</summary>
    public string Method { get; }

    /// <summary>The Request-URI; the raw text is always available as <see cref="RequestUriText"/>.</summary>
    public SipUri RequestUri => _uri ??= SipUri.Parse(RequestUriText);

    /// <summary>The Request-URI as received (decoded from the buffer on first use) or as built.</summary>
    public string RequestUriText => _uri?.ToString() ?? (_uriText ??= DecodeBuffer(_uriStart, _uriLength));

    private protected override void WriteStartLine(IBufferWriter<byte> output)
    {
        Write(output, Method);
        output.Write(" "u8);
        Write(output, RequestUriText);
        output.Write(" SIP/2.0\r\n"u8);
    }
}
