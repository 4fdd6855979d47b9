using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Cdrs;

public sealed partial class CdrWriter
{
    // EventIds 2255-2259: the journal's replay (2250-2254: CdrQueue).
    [LoggerMessage(EventId = 2255, Level = LogLevel.Information, Message = "Replaying {Count} CDR writes from {Path} into PostgreSQL")]
    private partial void LogReplaying(int count, string path);

    [LoggerMessage(EventId = 2256, Level = LogLevel.Warning, Message = "Replaying {Count} CDR writes failed; retrying in {Delay}")]
    private partial void LogReplayFailed(int count, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2257, Level = LogLevel.Information, Message = "Replayed {Count} CDR writes from the journal; writes go straight to PostgreSQL again")]
    private partial void LogReplayed(int count);

    [LoggerMessage(EventId = 2258, Level = LogLevel.Error, Message = "PostgreSQL refuses the CDR write for {CallId}, skipped: {Write}")]
    private partial void LogRefused(string callId, string write, Exception exception);

    [LoggerMessage(EventId = 2259, Level = LogLevel.Error, Message = "CDR journal {Path}: a record this version cannot read, skipped: {Record}")]
    private partial void LogUnreadable(string path, string record);

    [LoggerMessage(EventId = 2254, Level = LogLevel.Warning, Message = "CDR journal {Path}: {Bytes} bytes after the last whole record cut off (an append torn by a crash, never acknowledged)")]
    private partial void LogTornTail(string path, long bytes);
}
