using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Cdrs;

public sealed partial class CdrQueue
{
    // EventIds 2250-2259: CDR writes (2255+: the journal's replay, CdrWriter).
    [LoggerMessage(EventId = 2250, Level = LogLevel.Warning, Message = "PostgreSQL did not take {Count} CDR writes; they and the writes after them go to the local journal until it is replayed")]
    private partial void LogDatabaseFailed(int count, Exception exception);

    [LoggerMessage(EventId = 2251, Level = LogLevel.Information, Message = "{Count} CDR writes spilled to {Path}")]
    private partial void LogSpilled(int count, string path);

    [LoggerMessage(EventId = 2252, Level = LogLevel.Error, Message = "Neither PostgreSQL nor the journal {Path} took {Count} CDR writes; the calls wait, retrying in {Delay}")]
    private partial void LogJournalFailed(int count, string path, TimeSpan delay, Exception exception);
}
