using Microsoft.Extensions.Logging;

namespace Pbx.EdgeSip.Calls;

public sealed partial class SipLegSender
{
    // EventIds 1300-1309: requests the edge sends on call legs.
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "{Method} on leg {CallId} answered {Status}")]
    private partial void LogRequestRefused(string method, string callId, int status);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "CANCEL of fork {CallId} answered {Status}")]
    private partial void LogCancelRefused(string callId, int status);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "PRACK on early dialog {CallId} could not be sent")]
    private partial void LogPrackFailed(string callId, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "{Method} on leg {CallId} met glare (491): sending it again in {Wait}")]
    private partial void LogGlare(string method, string callId, TimeSpan wait);
}
