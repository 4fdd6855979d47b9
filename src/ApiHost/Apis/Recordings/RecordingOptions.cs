using Pbx.Data.Recordings;

namespace Pbx.ApiHost.Apis.Recordings;

/// <summary>
/// Where recordings are (the media node's key <c>Media:RecordingsDirectory</c>, read here so both roles agree) and how
/// long they are kept (<c>Media:RecordingRetentionDays</c>).
/// </summary>
public sealed class RecordingOptions
{
    public const string Section = "Media";

    /// <summary>Folder that relative <c>recordings.file_path</c> values are resolved against.</summary>
    public string RecordingsDirectory { get; set; } = "recordings";

    /// <summary>
    /// Days a recording is kept after its call (0 to 36,500): older ones lose their file and row, as a delete from the
    /// console would. 0, the default, keeps every recording until someone deletes it.
    /// </summary>
    public int RecordingRetentionDays { get; set; }

    /// <summary>How often the API host looks for recordings past their retention.</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The file of <paramref name="recording"/> on this host (relative paths resolved against <see cref="RecordingsDirectory"/>).</summary>
    public string FullPath(Recording recording) => Path.GetFullPath(recording.FilePath, Path.GetFullPath(RecordingsDirectory));
}
