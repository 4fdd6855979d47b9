namespace Pbx.Silo.Persistence;

/// <summary>A migration script failed; its transaction was rolled back and start-up stops. The message names the file.</summary>
public sealed class MigrationFailedException(string fileName, Exception innerException)
    : Exception($"Migration {fileName} failed and was rolled back; start-up stopped: {innerException.Message.ReplaceLineEndings(" ")}", innerException)
{
    /// <summary>The NNNN_name.sql file that failed.</summary>
    public string FileName { get; } = fileName;
}
