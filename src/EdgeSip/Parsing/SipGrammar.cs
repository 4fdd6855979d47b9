namespace Pbx.EdgeSip.Parsing;

/// <summary>Parts of one Via value, as ranges of the header value.</summary>
internal struct ViaParts
{
    public Range Transport;
    public Range Host;
    public int Port;
    public Range Params;
}

/// <summary>Parts of one name-addr / addr-spec value (From, To, Contact, Route), as ranges of the header value.</summary>
internal struct NameAddrParts
{
    public bool IsStar;
    public bool DisplayQuoted;
    public Range Display;
    public Range Uri;
    public Range Params;
}

/// <summary>The structured header grammars of RFC 3261 section 25 over a <see cref="SipValueReader"/>.</summary>
internal static class SipGrammar
{
    private static readonly System.Buffers.SearchValues<byte> HostChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."u8);

    private static readonly System.Buffers.SearchValues<byte> Ipv6Chars =
        System.Buffers.SearchValues.Create("abcdefABCDEF0123456789:."u8);

    /// <summary>via-parm = sent-protocol LWS sent-by *(SEMI via-params); LWS is allowed around the slashes (RFC 4475 3.1.1.1).</summary>
    public static void ReadVia(ref SipValueReader reader, out ViaParts via)
    {
        via = default;
        reader.SkipLws();
        reader.ReadToken();
        reader.Expect((byte)'/');
        reader.ReadToken();
        reader.Expect((byte)'/');
        via.Transport = reader.ReadToken();
        reader.SkipLws();
        via.Host = ReadHost(ref reader);
        if (reader.TryConsume((byte)':'))
            via.Port = (int)reader.ReadNumber(65535);
        via.Params = reader.ReadParams();
    }

    /// <summary>host = hostname / IPv4address / IPv6reference.</summary>
    public static Range ReadHost(ref SipValueReader reader)
    {
        if (reader.AtEnd)
            reader.Fail();
        if (reader.Current != (byte)'[')
            return reader.ReadRun(HostChars);
        var start = reader.Position;
        reader.Expect((byte)'[');
        reader.ReadRun(Ipv6Chars);
        if (reader.AtEnd || reader.Current != (byte)']')
            reader.Fail();
        reader.Expect((byte)']');
        return start..(reader.Position);
    }

    /// <summary>
    /// (name-addr / addr-spec) *(SEMI param). display-name = *(token LWS) / quoted-string; the LWS before "&lt;" may be
    /// missing (RFC 4475 3.1.1.6). Inside angle brackets no white space (3.1.2.14); an addr-spec outside them may not
    /// carry headers, since "?" there is ambiguous (RFC 3261 20.10, RFC 4475 3.1.2.13).
    /// </summary>
    public static void ReadNameAddr(ref SipValueReader reader, bool allowStar, out NameAddrParts value)
    {
        value = default;
        reader.SkipLws();
        if (reader.AtEnd)
            reader.Fail();
        if (allowStar && reader.Current == (byte)'*')
        {
            reader.Expect((byte)'*');
            value.IsStar = true;
            return;
        }
        var start = reader.Position;
        if (reader.Current == (byte)'"')
        {
            value.Display = reader.ReadQuoted();
            value.DisplayQuoted = true;
            reader.SkipLws();
        }
        else
        {
            var tokens = 0;
            var end = start;
            while (!reader.AtEnd && SipChars.Token.Contains(reader.Current))
            {
                end = reader.ReadToken().End.Value;
                tokens++;
                if (tokens == 1 && !reader.AtEnd && reader.Current == (byte)':')
                {
                    // "scheme:" — this is an addr-spec, not a display name.
                    value.Uri = ReadAddrSpec(ref reader, start);
                    value.Params = reader.ReadParams();
                    return;
                }
                reader.SkipLws();
            }
            value.Display = start..end;
        }
        if (reader.AtEnd || reader.Current != (byte)'<')
            reader.Fail();
        var uriStart = reader.Position + 1;
        var length = reader.Slice(uriStart..).IndexOfAny(SipChars.NotInUri);
        if (length <= 0 || reader.Slice(uriStart..)[length] != (byte)'>')
            reader.Fail();
        value.Uri = uriStart..(uriStart + length);
        CheckScheme(ref reader, reader.Slice(value.Uri));
        reader.MoveTo(uriStart + length + 1);
        value.Params = reader.ReadParams();
    }

    private static Range ReadAddrSpec(ref SipValueReader reader, int start)
    {
        var rest = reader.Slice(start..);
        var length = rest.IndexOfAny(SipChars.AddrSpecEnd);
        if (length < 0)
            length = rest.Length;
        var uri = rest[..length];
        if (uri.Contains((byte)'?') || uri.IndexOfAny("<>\""u8) >= 0)
            reader.Fail();
        CheckScheme(ref reader, uri);
        reader.MoveTo(start + length);
        return start..(start + length);
    }

    private static void CheckScheme(ref SipValueReader reader, ReadOnlySpan<byte> uri)
    {
        var colon = uri.IndexOf((byte)':');
        if (colon <= 0 || colon == uri.Length - 1 || !IsScheme(uri[..colon]))
            reader.Fail();
    }

    /// <summary>scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).</summary>
    public static bool IsScheme(ReadOnlySpan<byte> scheme)
    {
        if (scheme.IsEmpty || !char.IsAsciiLetter((char)scheme[0]))
            return false;
        foreach (var b in scheme)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'+' or (byte)'-' or (byte)'.'))
                return false;
        }
        return true;
    }

    /// <summary>CSeq = 1*DIGIT LWS Method; the number is a 32-bit unsigned integer (RFC 3261 8.1.1.5, RFC 4475 3.1.2.4).</summary>
    public static uint ReadCSeq(ref SipValueReader reader, out Range method)
    {
        reader.SkipLws();
        var number = (uint)reader.ReadNumber(uint.MaxValue);
        reader.SkipLws();
        method = reader.ReadToken();
        reader.SkipLws();
        reader.ExpectEnd();
        return number;
    }

    /// <summary>callid = word [ "@" word ].</summary>
    public static void ReadCallId(ref SipValueReader reader)
    {
        reader.SkipLws();
        reader.ReadRun(SipChars.Word);
        if (reader.TryConsume((byte)'@'))
            reader.ReadRun(SipChars.Word);
        reader.SkipLws();
        reader.ExpectEnd();
    }
}
