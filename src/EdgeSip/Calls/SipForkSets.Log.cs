using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipForkSets
{
    // EventIds 1310-1319: call setup at the edge.
    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Fork {CallId} failed")]
    internal partial void LogForkFailed(string callId, Exception exception);

    [LoggerMessage(EventId = 3222, Level = LogLevel.Warning, Message = "Trunk {TrunkId} challenged INVITE {CallId} and it was not answered: {Reason}")]
    internal partial void LogTrunkChallengeUnanswered(string trunkId, string callId, string reason);

    [LoggerMessage(EventId = 3223, Level = LogLevel.Warning, Message = "Trunk {TrunkId} sent no response to INVITE {CallId} in {Timeout}; failing over")]
    internal partial void LogTrunkSilent(string trunkId, string callId, TimeSpan timeout);
}
