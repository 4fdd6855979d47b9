using Microsoft.Extensions.Options;
using Pbx.Data.Recordings;

namespace Pbx.ApiHost.Apis.Recordings;

/// <summary>
/// Deletes a recording's row and file together: the row goes in a transaction that commits only once the file is gone
/// (or found already missing, which is reported, not fatal); a file that cannot be removed keeps the row.
/// </summary>
public sealed partial class RecordingRemover(RecordingRepository recordings, IOptions<RecordingOptions> options, ILogger<RecordingRemover> logger)
{
    /// <summary>What became of recording <paramref name="id"/>: null when there is none.</summary>
    public async Task<RecordingRemoval?> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        var missing = false;
        var (recording, deleted) = await recordings.DeleteAsync(id, row =>
        {
            var path = options.Value.FullPath(row);
            missing = !File.Exists(path);
            if (missing)
            {
                LogFileMissing(id, path);
                return true;
            }
            try
            {
                File.Delete(path);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogFileNotRemoved(e, id, path);
                return false;
            }
        }, cancellationToken);
        return recording is null ? null : new RecordingRemoval(deleted, missing);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Recording {RecordingId} deleted, but its file {Path} was already missing")]
    private partial void LogFileMissing(long recordingId, string path);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Recording {RecordingId} kept: its file {Path} could not be removed")]
    private partial void LogFileNotRemoved(Exception exception, long recordingId, string path);
}

/// <summary>Whether the recording is gone (<paramref name="Deleted"/>) and whether its file had been missing already.</summary>
public sealed record RecordingRemoval(bool Deleted, bool FileWasMissing);
