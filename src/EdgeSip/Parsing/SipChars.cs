using System.Buffers;

namespace Pbx.EdgeSip.Parsing;

/// <summary>Character classes of the RFC 3261 section 25 grammar.</summary>
internal static class SipChars
{
    private const string Alphanum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static readonly SearchValues<byte> Token = SearchValues.Create(Bytes(Alphanum + "-.!%*_+`'~"));

    /// <summary>word (Call-ID): token characters plus ( ) &lt; &gt; : \ DQUOTE / [ ] ? { }.</summary>
    public static readonly SearchValues<byte> Word = SearchValues.Create(Bytes(Alphanum + "-.!%*_+`'~()<>:\\\"/[]?{}"));

    /// <summary>gen-value beyond token/quoted-string: host names and IPv6 references ("received", "maddr").</summary>
    public static readonly SearchValues<byte> ParamValue = SearchValues.Create(Bytes(Alphanum + "-.!%*_+`'~:[]"));

    /// <summary>Linear white space inside a header value once folding has been allowed: SP, HTAB, CR, LF.</summary>
    public static readonly SearchValues<byte> Lws = SearchValues.Create(" \t\r\n"u8);

    /// <summary>What ends a URI given in addr-spec form (outside angle brackets), RFC 3261 20.10.</summary>
    public static readonly SearchValues<byte> AddrSpecEnd = SearchValues.Create(" \t\r\n;,"u8);

    /// <summary>Characters never allowed inside a URI: whitespace, angle brackets, quotes.</summary>
    public static readonly SearchValues<byte> NotInUri = SearchValues.Create(" \t\r\n<>\""u8);

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static byte[] Bytes(string s) => System.Text.Encoding.ASCII.GetBytes(s);
}
