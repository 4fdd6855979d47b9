namespace Pbx.Data.Cdrs;

/// <summary>
/// Marks a call's row as a trunk call: direction, trunk, the carrier's Call-ID and both numbers normalised (E.164 for
/// outside numbers). Sent again when an outbound call fails over, so the row names the trunk that carried it last.
/// </summary>
public sealed record CdrTrunkSet(string CallId, string Direction, string TrunkId, string CarrierCallId, string Caller, string Callee)
    : CdrWrite(CallId);
