namespace Pbx.Data.Recordings;

/// <summary>A recording started: its row is inserted and the call's CDR points to it (the first one, if there are several).</summary>
public sealed record RecordingOpened(string CallId, string FilePath, DateTimeOffset StartedAt) : RecordingWrite(CallId, FilePath);
