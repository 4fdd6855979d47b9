namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// One header line: offsets into the message buffer for a parsed header, or strings for one a handler added.
/// A struct in a pooled array, so parsing allocates no object per header.
/// </summary>
internal readonly record struct SipHeader(
    SipHeaderId Id,
    int NameStart,
    int NameLength,
    int ValueStart,
    int ValueLength,
    bool Folded,
    string? Name = null,
    string? Value = null);
