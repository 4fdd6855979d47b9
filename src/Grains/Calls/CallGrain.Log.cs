using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Calls;

public sealed partial class CallGrain
{
    // EventIds 2200-2249: call grain.
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Call {CallId}: {Caller} -> {Callee}, ringing {Forks} contact(s)")]
    private partial void LogRinging(string callId, string caller, string callee, int forks);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Call {CallId}: answered by {Callee}")]
    private partial void LogAnswered(string callId, string callee);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Call {CallId} ended: {Disposition} ({Cause}, by {Side})")]
    private partial void LogEnded(string callId, string disposition, string cause, string side);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Call {CallId}: no media endpoint: {Reason}")]
    private partial void LogMediaUnavailable(string callId, string reason);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Call {CallId}: SDP negotiation failed")]
    private partial void LogNegotiationFailed(string callId, Exception exception);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Debug, Message = "Call {CallId}: DTMF {Digit}")]
    private partial void LogDtmf(string callId, char digit);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "Call {CallId}: no RTP on endpoint {EndpointId}")]
    private partial void LogMediaTimeout(string callId, string endpointId);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Warning, Message = "Call {CallId}: re-INVITE on leg {LegCallId} answered {Status}")]
    private partial void LogReInviteRefused(string callId, string legCallId, int status);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Warning, Message = "Call {CallId}: music on hold {Prompt} cannot be played; the held party hears silence")]
    private partial void LogMusicOnHoldFailed(string callId, string prompt, Exception exception);

    // Digits are not logged: they may be a PIN or a card number keyed into a bank's menu.
    [LoggerMessage(EventId = 2240, Level = LogLevel.Information, Message = "Call {CallId}: sending {Count} DTMF key(s) from {FromNumber}'s side")]
    private partial void LogSendingDtmf(string callId, string fromNumber, int count);

    // EventIds 2220-2229: session timers, call waiting (recording's are CallRecorder's).

    [LoggerMessage(EventId = 2222, Level = LogLevel.Information, Message = "Call {CallId}: {Extension} is in {Calls} call(s) with call waiting off: busy")]
    private partial void LogCallWaitingRefused(string callId, string extension, int calls);

    [LoggerMessage(EventId = 2223, Level = LogLevel.Debug, Message = "Call {CallId}: session refresh (UPDATE) on leg {LegCallId}")]
    private partial void LogSessionRefresh(string callId, string legCallId);

    [LoggerMessage(EventId = 2224, Level = LogLevel.Warning, Message = "Call {CallId}: no session refresh on leg {LegCallId} in time; hanging up (RFC 4028 section 10)")]
    private partial void LogSessionExpired(string callId, string legCallId);

    [LoggerMessage(EventId = 2226, Level = LogLevel.Error, Message = "Call {CallId}: BYE on leg {LegCallId} could not reach an edge; the call is ended here, the phone keeps its dialog until its own timers")]
    private partial void LogByeUndelivered(string callId, string legCallId, Exception exception);
}
