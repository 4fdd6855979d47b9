using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipInDialogHandler
{
    // EventIds 1320-1329: in-dialog requests.
    [LoggerMessage(EventId = 1320, Level = LogLevel.Debug, Message = "Call {CallId}: forwarding {Method} to leg {LegCallId}")]
    private partial void LogForwarding(string callId, string method, string legCallId);
}
