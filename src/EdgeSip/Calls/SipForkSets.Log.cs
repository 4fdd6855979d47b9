using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipForkSets
{
    // EventIds 1310-1319: call setup at the edge.
    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Fork {CallId} failed")]
    private partial void LogForkFailed(string callId, Exception exception);
}
