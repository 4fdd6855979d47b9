namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>Space on the file system of the recordings directory (<c>Media:RecordingsDirectory</c>); null when it cannot be read.</summary>
public sealed record DiskStatus(string Directory, long? FreeBytes, long? TotalBytes);
