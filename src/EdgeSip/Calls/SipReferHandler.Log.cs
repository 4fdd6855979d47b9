using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipReferHandler
{
    // EventIds 1330-1339: transfers, deflect and originate at the edge.
    [LoggerMessage(EventId = 1331, Level = LogLevel.Information, Message = "REFER on leg {CallId} refused with {Status}")]
    private partial void LogReferRefused(string callId, int status);
}
