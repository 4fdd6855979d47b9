using Pbx.Grains.Calls;

namespace Pbx.ApiHost.Apis.Calls;

internal sealed partial class CallControl
{
    // Who did what to which call: operators act on other people's calls, so every action is on record.
    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Call action {Action} on {CallId} by {User}: {Result}")]
    private static partial void LogAction(ILogger logger, string action, string callId, string? user, CallActionResult result);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Call action {Action} on {CallId} answered 501: the call engine does not implement it")]
    private static partial void LogNotSupported(ILogger logger, string action, string callId);
}
