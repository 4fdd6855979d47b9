using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipCallEdge
{
    // EventIds 1330-1339: transfers, deflect and originate at the edge.
    [LoggerMessage(EventId = 1330, Level = LogLevel.Warning, Message = "Call {CallId}: ringing started by the PBX failed")]
    private partial void LogRingFailed(string callId, Exception exception);
}
