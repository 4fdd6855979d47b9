namespace Pbx.EdgeSip.Parsing;

/// <summary>CSeq (RFC 3261 20.16): sequence number and method.</summary>
public readonly record struct SipCSeq(uint Number, string Method)
{
    public override string ToString() => $"{Number} {Method}";
}
