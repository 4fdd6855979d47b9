namespace Pbx.ApiHost.Apis.Recordings;

/// <summary>Where recordings are: the media node's key <c>Media:RecordingsDirectory</c>, read here so both roles agree.</summary>
public sealed class RecordingOptions
{
    public const string Section = "Media";

    /// <summary>Folder that relative <c>recordings.file_path</c> values are resolved against.</summary>
    public string RecordingsDirectory { get; set; } = "recordings";
}
