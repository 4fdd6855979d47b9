using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Calls;

public sealed partial class CallGrain
{
    // EventIds 2230-2239: calls through carrier trunks (the others are TrunkRouter's).
    [LoggerMessage(EventId = 2232, Level = LogLevel.Warning, Message = "Call {CallId}: trunk {TrunkId} failed with {Status} {Reason}; trying the next trunk")]
    private partial void LogTrunkFailed(string callId, string trunkId, int status, string reason);
}
