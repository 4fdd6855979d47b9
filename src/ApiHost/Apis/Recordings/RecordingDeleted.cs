namespace Pbx.ApiHost.Apis.Recordings;

/// <summary>The outcome of deleting a recording: the row is gone; <see cref="FileWasMissing"/> reports audio that had already vanished.</summary>
public sealed record RecordingDeleted(long Id, bool FileWasMissing);
