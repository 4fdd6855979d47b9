namespace Pbx.ApiHost.Apis.Recordings;

public static partial class RecordingsApi
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Recording {RecordingId} deleted, but its file {Path} was already missing")]
    private static partial void LogFileMissing(ILogger logger, long recordingId, string path);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Recording {RecordingId} kept: its file {Path} could not be removed")]
    private static partial void LogFileNotRemoved(ILogger logger, Exception exception, long recordingId, string path);
}
