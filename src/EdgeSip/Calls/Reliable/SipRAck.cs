using System.Globalization;

namespace Pbx.EdgeSip.Calls.Reliable;

/// <summary>
/// The RAck header of a PRACK (RFC 3262 section 7.2: <c>RAck: response-num CSeq-num Method</c>): which reliable provisional
/// response it acknowledges, by its RSeq and the CSeq of the request it answered.
/// </summary>
internal readonly record struct SipRAck(uint RSeq, uint CSeq, string Method)
{
    /// <summary>Reads an RAck value; false for anything but three space-separated fields with 32-bit numbers.</summary>
    public static bool TryParse(string? value, out SipRAck rack)
    {
        rack = default;
        if (value is null)
            return false;
        var parts = value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rseq)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cseq))
            return false;
        rack = new SipRAck(rseq, cseq, parts[2]);
        return true;
    }

    /// <summary>The header value.</summary>
    public override string ToString() =>
        $"{RSeq.ToString(CultureInfo.InvariantCulture)} {CSeq.ToString(CultureInfo.InvariantCulture)} {Method}";
}
