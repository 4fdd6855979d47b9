namespace Pbx.ApiHost.Apis.Recordings;

/// <summary>Section <c>Recordings</c>.</summary>
public sealed class RecordingOptions
{
    public const string Section = "Recordings";

    /// <summary>Folder that relative <c>recordings.file_path</c> values are resolved against.</summary>
    public string Directory { get; set; } = "recordings";
}
