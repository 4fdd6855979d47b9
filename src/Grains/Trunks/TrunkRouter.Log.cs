using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Trunks;

public sealed partial class TrunkRouter
{
    // EventIds 2230-2239: calls through carrier trunks (2232, a trunk that failed a call, is the call grain's).
    [LoggerMessage(EventId = 2230, Level = LogLevel.Warning,
        Message = "Security: call {CallId} from extension {Caller} at {SourceAddress} to {Number} ({Kind}) refused: permission class {Permission}")]
    private partial void LogNotPermitted(string callId, string caller, string number, NumberKind kind, PermissionClass permission, string sourceAddress);

    [LoggerMessage(EventId = 2231, Level = LogLevel.Warning, Message = "Call {CallId}: trunk {TrunkId} skipped: {Reason}")]
    private partial void LogTrunkSkipped(string callId, string trunkId, string reason);

    [LoggerMessage(EventId = 2233, Level = LogLevel.Information, Message = "Call {CallId} from trunk {TrunkId}: no DID matches {Called}")]
    private partial void LogUnknownDid(string callId, string trunkId, string called);

    [LoggerMessage(EventId = 2234, Level = LogLevel.Warning,
        Message = "Call {CallId} to DID {Did}: destination {Kind} {Target} is not served yet, answered 480")]
    private partial void LogDestinationUnavailable(string callId, string did, string kind, string target);
}
