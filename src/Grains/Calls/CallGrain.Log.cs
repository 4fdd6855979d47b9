using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Calls;

public sealed partial class CallGrain
{
    // EventIds 2200-2249: calls (the call's parts log their own under the same category).
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Call {CallId}: answered by {Callee}")]
    private partial void LogAnswered(string callId, string callee);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Debug, Message = "Call {CallId}: DTMF {Digit}")]
    private partial void LogDtmf(string callId, char digit);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "Call {CallId}: no RTP on endpoint {EndpointId}")]
    private partial void LogMediaTimeout(string callId, string endpointId);

    [LoggerMessage(EventId = 2213, Level = LogLevel.Information, Message = "Call {CallId}: deflected from {From} to {Target}")]
    private partial void LogDeflected(string callId, string from, string target);

    // Digits are not logged: they may be a PIN or a card number keyed into a bank's menu.
    [LoggerMessage(EventId = 2240, Level = LogLevel.Information, Message = "Call {CallId}: sending {Count} DTMF key(s) from {FromNumber}'s side")]
    private partial void LogSendingDtmf(string callId, string fromNumber, int count);
}
