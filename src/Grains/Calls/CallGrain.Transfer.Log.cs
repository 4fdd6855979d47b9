using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Calls;

public sealed partial class CallGrain
{
    // EventIds 2210-2219: transfers, deflect and click-to-call.
    [LoggerMessage(EventId = 2210, Level = LogLevel.Information, Message = "Call {CallId}: {Transferor} transfers to {Target}, ringing {Forks} contact(s)")]
    private partial void LogTransferRinging(string callId, string transferor, string target, int forks);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information, Message = "Call {CallId}: transfer to {Target} failed with {Status}; the call goes on")]
    private partial void LogTransferFailed(string callId, string target, int status);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Information, Message = "Call {CallId}: {Kind}, {Leaving} left and {Joined} joined")]
    private partial void LogTransferred(string callId, string kind, string leaving, string joined);

    [LoggerMessage(EventId = 2213, Level = LogLevel.Information, Message = "Call {CallId}: deflected from {From} to {Target}")]
    private partial void LogDeflected(string callId, string from, string target);

    [LoggerMessage(EventId = 2214, Level = LogLevel.Information, Message = "Call {CallId}: click-to-call {From} -> {To}, ringing {Forks} contact(s) of {From}")]
    private partial void LogOriginating(string callId, string from, string to, int forks);
}
