using Microsoft.Extensions.Logging;

namespace Pbx.Grains.Cdrs;

public sealed partial class CdrWriter
{
    // EventIds 2250-2259: CDR writer.
    [LoggerMessage(EventId = 2250, Level = LogLevel.Warning, Message = "CDR write for {CallId} failed; retrying in {Delay}")]
    private partial void LogWriteFailed(string callId, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2251, Level = LogLevel.Information, Message = "Closed {Count} CDRs left open by the previous run as interrupted")]
    private partial void LogClosedInterrupted(int count);

    // EventIds 2270-2279: recordings.
    [LoggerMessage(EventId = 2270, Level = LogLevel.Information, Message = "Completed {Count} recordings left open by the previous run")]
    private partial void LogCompletedInterruptedRecordings(int count);
}
