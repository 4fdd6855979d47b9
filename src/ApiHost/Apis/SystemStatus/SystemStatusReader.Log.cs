namespace Pbx.ApiHost.Apis.SystemStatus;

internal sealed partial class SystemStatusReader
{
    // EventIds 6300-6309: the system status.
    [LoggerMessage(EventId = 6300, Level = LogLevel.Warning, Message = "System status: {Part} did not answer")]
    private partial void LogPartUnavailable(string part, Exception exception);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "System status: PostgreSQL did not answer")]
    private partial void LogDatabaseUnreachable(Exception exception);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "System status: the file system of {Directory} could not be read")]
    private partial void LogDiskUnreadable(string directory, Exception exception);
}
