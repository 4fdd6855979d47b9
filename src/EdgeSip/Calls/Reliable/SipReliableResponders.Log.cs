using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls.Reliable;

public sealed partial class SipReliableResponders
{
    // EventIds 1340-1349: reliable provisional responses and glare.
    [LoggerMessage(EventId = 1340, Level = LogLevel.Information, Message = "Caller of {CallId} never PRACKed a reliable provisional response: INVITE failed with 504")]
    private partial void LogNotAcknowledged(string callId);

    [LoggerMessage(EventId = 1341, Level = LogLevel.Warning, Message = "Could not fail INVITE {CallId} after its reliable provisional response went unacknowledged")]
    private partial void LogFailFailed(string callId, Exception exception);
}
