using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipInviteHandler
{
    // EventIds 3220-3239: trunk calls at the edge.
    [LoggerMessage(EventId = 3220, Level = LogLevel.Information, Message = "INVITE {CallId} from trunk {TrunkId} for {Called}")]
    private partial void LogTrunkInvite(string trunkId, string callId, string called);
}
