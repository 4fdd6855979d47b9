using System.Globalization;
using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>One Via value (RFC 3261 20.42) with the parameters transactions (branch) and RFC 3581 (rport, received) use.</summary>
public sealed class SipVia
{
    /// <summary>RFC 3261 8.1.1.7: branches of RFC 3261 elements start with this cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, SipParameters? parameters = null)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters ?? new SipParameters();
    }

    /// <summary>Transport token in upper case: UDP, TCP, TLS, SCTP, WS, WSS or an extension.</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    public string? Branch => Parameters.Get("branch");

    public string? Received => Parameters.Get("received");

    /// <summary>RFC 3581: the "rport" parameter is present (with or without a value).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    public int? RPort => int.TryParse(Parameters.Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    public override string ToString()
    {
        var text = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
            text.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        Parameters.AppendTo(text);
        return text.ToString();
    }

    /// <summary>Every Via value in one validated header value (comma-separated list).</summary>
    internal static void ReadAll(ReadOnlySpan<byte> value, List<SipVia> into)
    {
        var reader = new SipValueReader(value, SipParseError.InvalidVia);
        do
        {
            SipGrammar.ReadVia(ref reader, out var parts);
            into.Add(new SipVia(
                Encoding.ASCII.GetString(value[parts.Transport]).ToUpperInvariant(),
                Encoding.ASCII.GetString(value[parts.Host]),
                parts.Port == 0 ? null : parts.Port,
                SipParameters.FromHeader(value[parts.Params])));
        }
        while (reader.NextListValue());
    }
}
