using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>Static table from header name bytes (any case, compact or long) to <see cref="SipHeaderId"/>, and back to the canonical name.</summary>
public static class SipHeaderNames
{
    private static readonly string[] Canonical =
    [
        "", "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Max-Forwards", "Content-Length", "Content-Type",
        "Content-Encoding", "Expires", "Min-Expires", "Authorization", "Proxy-Authorization", "WWW-Authenticate",
        "Proxy-Authenticate", "Route", "Record-Route", "Allow", "Accept", "Supported", "Require", "Proxy-Require",
        "Unsupported", "User-Agent", "Server", "Subject", "Event", "Date", "Warning", "Retry-After", "Refer-To", "Allow-Events",
    ];

    // RFC 3261 7.3.3 and 20 (plus RFC 3265 o/u, RFC 3515 r): the compact forms.
    private static readonly (char Compact, SipHeaderId Id)[] Compact =
    [
        ('v', SipHeaderId.Via), ('f', SipHeaderId.From), ('t', SipHeaderId.To), ('i', SipHeaderId.CallId),
        ('m', SipHeaderId.Contact), ('l', SipHeaderId.ContentLength), ('c', SipHeaderId.ContentType),
        ('e', SipHeaderId.ContentEncoding), ('k', SipHeaderId.Supported), ('s', SipHeaderId.Subject),
        ('o', SipHeaderId.Event), ('r', SipHeaderId.ReferTo), ('u', SipHeaderId.AllowEvents),
    ];

    private static readonly SipHeaderId[] ByCompactLetter = BuildCompact();
    private static readonly (byte[] Name, SipHeaderId Id)[][] ByLength = BuildByLength();

    /// <summary>The canonical (long) name used when serializing.</summary>
    public static string Name(SipHeaderId id) => Canonical[(int)id];

    /// <summary>Id of a header name in any case, compact or long; <see cref="SipHeaderId.Unknown"/> for extension headers.</summary>
    public static SipHeaderId Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
            return ByCompactLetter[(name[0] | 0x20) & 0x7F];
        if (name.Length >= ByLength.Length)
            return SipHeaderId.Unknown;
        foreach (var (candidate, id) in ByLength[name.Length])
        {
            if (System.Text.Ascii.EqualsIgnoreCase(name, candidate))
                return id;
        }
        return SipHeaderId.Unknown;
    }

    /// <summary>Same as the byte overload, for names given by code (built messages, handler lookups).</summary>
    public static SipHeaderId Lookup(string name)
    {
        Span<byte> bytes = stackalloc byte[64];
        return name.Length <= bytes.Length && Ascii.FromUtf16(name, bytes, out var written) == System.Buffers.OperationStatus.Done
            ? Lookup(bytes[..written])
            : SipHeaderId.Unknown;
    }

    private static SipHeaderId[] BuildCompact()
    {
        var table = new SipHeaderId[128];
        foreach (var (letter, id) in Compact)
            table[letter] = id;
        return table;
    }

    private static (byte[] Name, SipHeaderId Id)[][] BuildByLength()
    {
        var max = 0;
        foreach (var name in Canonical)
            max = Math.Max(max, name.Length);
        var lists = new List<(byte[], SipHeaderId)>[max + 1];
        for (var i = 0; i < lists.Length; i++)
            lists[i] = [];
        for (var id = 1; id < Canonical.Length; id++)
            lists[Canonical[id].Length].Add((Encoding.ASCII.GetBytes(Canonical[id]), (SipHeaderId)id));
        var table = new (byte[], SipHeaderId)[max + 1][];
        for (var i = 0; i < lists.Length; i++)
            table[i] = lists[i].ToArray();
        return table;
    }
}
