namespace Pbx.Grains.Calls.Rules;

/// <summary>
/// What the call grain carries out after <see cref="RingingMachine"/> took an event of the ringing phase. Each command
/// names the I/O only; the fork book in the call's state has already been updated.
/// </summary>
public abstract record RingingCommand;

/// <summary>Ringback: the caller gets 180.</summary>
public sealed record RelayRinging : RingingCommand;

/// <summary>Early media (RFC 3960): the callee's SDP is accepted and bridged, and the caller gets 183 with the anchor's answer.</summary>
public sealed record RelayEarlyMedia(string Sdp) : RingingCommand;

/// <summary>
/// The target of a transfer (or a click-to-call's originator) answered on <paramref name="Leg"/>: it joins the call;
/// <paramref name="Cancel"/> are its other contacts.
/// </summary>
public sealed record TransferTargetAnswered(DialogLeg Leg, string? Sdp, SessionTimer? SessionTimer, IReadOnlyList<string> Cancel) : RingingCommand;

/// <summary>Every contact of the transfer's target failed: the transfer fails with the outcome of their failures.</summary>
public sealed record TransferTargetFailed : RingingCommand;

/// <summary>The transfer's target did not answer in time: its contacts (<paramref name="Cancel"/>) are cancelled, the transfer fails with 480.</summary>
public sealed record TransferTargetNoAnswer(IReadOnlyList<string> Cancel) : RingingCommand;

/// <summary>A 2xx nobody wants (a fork that lost, or one that crossed our CANCEL) is ACKed by the edge and ended with BYE (RFC 3261 13.2.2.4).</summary>
public sealed record ByeLateAnswer(DialogLeg Leg) : RingingCommand;

/// <summary>The callee answered on <paramref name="Leg"/>: bridge it, 200 to the caller, CANCEL <paramref name="Cancel"/>.</summary>
public sealed record ConnectCallee(DialogLeg Leg, string? Sdp, SessionTimer? SessionTimer, IReadOnlyList<string> Cancel) : RingingCommand;

/// <summary>
/// A carrier failed the outbound call: trunk <paramref name="TrunkId"/>'s slot is given back; then, when
/// <paramref name="Otherwise"/> is null (the failure was the trunk's trouble), the rule's next trunk gets the call and
/// <paramref name="NoTrunkLeft"/> ends it when none is left; else the failure was the far end's answer and
/// <paramref name="Otherwise"/> is what any fork's failure gives.
/// </summary>
public sealed record TrunkFailed(string TrunkId, int Status, string Reason, EndCall NoTrunkLeft, RingingCommand? Otherwise) : RingingCommand;

/// <summary>Ring the forward <paramref name="Target"/> (busy or no answer); when it cannot ring, <paramref name="Otherwise"/>.</summary>
public sealed record ForwardOrEnd(string Kind, string Target, IReadOnlyList<string> Cancel, EndCall Otherwise) : RingingCommand;

/// <summary>The call ends: the CDR closes with <paramref name="Disposition"/>, the caller gets <paramref name="Response"/> (none after its CANCEL), <paramref name="Cancel"/> are CANCELled.</summary>
public sealed record EndCall(string Disposition, string Cause, string Side, CallerResponse? Response, IReadOnlyList<string> Cancel) : RingingCommand;
