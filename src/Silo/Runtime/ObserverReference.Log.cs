using Microsoft.Extensions.Logging;

namespace Pbx.Silo.Runtime;

internal partial class ObserverReference
{
    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Observer {Interface}.{Method} failed; the notifying grain carries on")]
    private static partial void LogFailed(ILogger logger, Exception exception, string @interface, string method);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "Observer call {Method} dropped: the reference was deleted")]
    private static partial void LogDeleted(ILogger logger, string method);
}
