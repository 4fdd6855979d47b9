namespace Pbx.Data.Recordings;

/// <summary>A recording stopped (or the call ended): its row gets the file's final size and duration.</summary>
public sealed record RecordingClosed(string CallId, string FilePath, long SizeBytes, long DurationMs, DateTimeOffset CompletedAt)
    : RecordingWrite(CallId, FilePath);
