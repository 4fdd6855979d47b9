using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>A From, To, Contact, Route or Record-Route value: optional display name, URI, header parameters (RFC 3261 20.10).</summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? new SipParameters();
    }

    private SipNameAddress()
    {
        Uri = null!;
        Parameters = new SipParameters();
        IsStar = true;
    }

    /// <summary>"Contact: *" of a REGISTER that removes every binding (RFC 3261 10.2.2).</summary>
    public static SipNameAddress Star { get; } = new();

    public bool IsStar { get; }

    /// <summary>Display name without quotes and with quoted-pairs resolved; null when absent.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    /// <summary>Header parameters (after the "&gt;"): tag, expires, q; never URI parameters (RFC 4475 3.3.12).</summary>
    public SipParameters Parameters { get; }

    public string? Tag => Parameters.Get("tag");

    /// <summary>The "expires" contact parameter in seconds; values above 2^32-1 are clamped (RFC 4475 3.1.2.4 allows a default).</summary>
    public uint? Expires => SipNumbers.ParseDeltaSeconds(Parameters.Get("expires"));

    public override string ToString()
    {
        if (IsStar)
            return "*";
        var text = new StringBuilder();
        if (DisplayName is not null)
            text.Append('"').Append(DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\" ");
        text.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(text);
        return text.ToString();
    }

    /// <summary>Every value in one validated header value (Contact and Route are lists; From and To hold one).</summary>
    internal static void ReadAll(ReadOnlySpan<byte> value, List<SipNameAddress> into)
    {
        var reader = new SipValueReader(value, SipParseError.InvalidNameAddress);
        do
        {
            SipGrammar.ReadNameAddr(ref reader, allowStar: true, out var parts);
            if (parts.IsStar)
            {
                into.Add(Star);
                continue;
            }
            var uri = SipUri.TryParse(Encoding.UTF8.GetString(value[parts.Uri]), out var parsed)
                ? parsed
                : throw new SipParseException(SipParseError.InvalidNameAddress, Encoding.UTF8.GetString(value[parts.Uri]));
            into.Add(new SipNameAddress(uri, Display(value, parts), SipParameters.FromHeader(value[parts.Params])));
        }
        while (reader.NextListValue());
    }

    private static string? Display(ReadOnlySpan<byte> value, in NameAddrParts parts)
    {
        var display = value[parts.Display];
        if (!parts.DisplayQuoted)
            return display.IsEmpty ? null : Encoding.UTF8.GetString(display);
        var text = new StringBuilder(display.Length);
        var decoded = Encoding.UTF8.GetString(display);
        for (var i = 0; i < decoded.Length; i++)
        {
            if (decoded[i] == '\\' && i + 1 < decoded.Length)
                i++;
            text.Append(decoded[i]);
        }
        return text.ToString();
    }
}
