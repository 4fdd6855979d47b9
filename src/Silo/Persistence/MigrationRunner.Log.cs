using Microsoft.Extensions.Logging;

namespace Pbx.Silo.Persistence;

public sealed partial class MigrationRunner
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {FileName}")]
    private static partial void LogApplied(ILogger logger, string fileName);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Database schema up to date: {Known} migrations known, {Applied} applied now")]
    private static partial void LogUpToDate(ILogger logger, int known, int applied);
}
