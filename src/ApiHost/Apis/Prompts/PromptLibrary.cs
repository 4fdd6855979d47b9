using Microsoft.Extensions.Options;
using Pbx.Audio.Prompts;
using Pbx.Data.Prompts;

namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>
/// The prompts' files and rows together. A file is converted into <c>library/</c> under <c>Media:PromptsDirectory</c>,
/// flushed, and only then named by a row, so a crash can leave a file without a row (swept by
/// <see cref="SweepOrphansAsync"/>) but never a row without its file. A write whose database outcome is unknown leaves
/// its file for the sweep too: removing it could orphan a row that did commit.
/// </summary>
public sealed partial class PromptLibrary(PromptRepository prompts, IOptions<PromptOptions> options, TimeProvider time, ILogger<PromptLibrary> logger)
{
    /// <summary>The subfolder of <c>Media:PromptsDirectory</c> the library owns; files an administrator put elsewhere are never touched.</summary>
    public const string Folder = "library";

    /// <summary>How old a file without a row must be before the sweep removes it: an upload between its file and its row is younger.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    /// <summary>Converts <paramref name="input"/> and stores it as the uploaded prompt of its name and language (a replacement keeps the id).</summary>
    public async Task<PromptSaved> UploadAsync(Stream input, UploadFormat format, string fileName, string name, string? language, CancellationToken cancellationToken)
    {
        var (file, converted) = await WriteAsync(input, format, fileName, cancellationToken);
        var saved = await prompts.SaveUploadAsync(new PromptAudio(name, language, file, converted.DurationMs, converted.SizeBytes), cancellationToken);
        if (saved.ReplacedFile is { } replaced)
            RemoveFile(replaced);
        return saved;
    }

    /// <summary>Stores <paramref name="wav"/> as a system prompt unless its name and language exist already (null then, and no file is left).</summary>
    public async Task<Prompt?> AddSystemAsync(Stream wav, string name, string language, CancellationToken cancellationToken)
    {
        var (file, converted) = await WriteAsync(wav, UploadFormat.Wav, $"{name}.{language}.wav", cancellationToken);
        var added = await prompts.AddSystemAsync(new PromptAudio(name, language, file, converted.DurationMs, converted.SizeBytes), cancellationToken);
        if (added is null)
            RemoveFile(file);
        return added;
    }

    /// <summary>Deletes an uploaded prompt's row and file together; a file that cannot be removed keeps its row.</summary>
    public async Task<PromptDeletion> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        var (prompt, deleted) = await prompts.DeleteUploadedAsync(id, RemoveFile, cancellationToken);
        return prompt switch
        {
            null => PromptDeletion.NotFound,
            { Kind: PromptKinds.System } => PromptDeletion.System,
            _ => deleted ? PromptDeletion.Deleted : PromptDeletion.FileKept,
        };
    }

    /// <summary>Removes the library's files that no row names and that are older than <see cref="OrphanAge"/>; returns how many.</summary>
    public async Task<int> SweepOrphansAsync(CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(options.Value.FullPath(Folder));
        if (!folder.Exists)
            return 0;
        var named = await prompts.ListFilesAsync(cancellationToken);
        var before = time.GetUtcNow() - OrphanAge;
        var removed = 0;
        foreach (var file in folder.EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < before.UtcDateTime && !named.Contains($"{Folder}/{file.Name}") && RemoveFile($"{Folder}/{file.Name}"))
                removed++;
        }
        if (removed > 0)
            LogOrphansRemoved(removed, folder.FullName);
        return removed;
    }

    private async Task<(string File, ConvertedPrompt Converted)> WriteAsync(Stream input, UploadFormat format, string fileName, CancellationToken cancellationToken)
    {
        var file = $"{Folder}/{Guid.NewGuid():N}.wav";
        var path = options.Value.FullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written under a name the media node is never given, then renamed: a half-written prompt is never played.
        var partial = path + ".part";
        try
        {
            ConvertedPrompt converted;
            await using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                // Decoding is CPU work of up to a few seconds for a long MP3: off the request's thread.
                converted = await Task.Run(() => PromptConverter.Convert(input, format, fileName, output), cancellationToken);
                output.Flush(flushToDisk: true);
            }
            File.Move(partial, path);
            return (file, converted);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private bool RemoveFile(Prompt prompt) => RemoveFile(prompt.File);

    private bool RemoveFile(string file)
    {
        var path = options.Value.FullPath(file);
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFileNotRemoved(e, path);
            return false;
        }
    }

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "{Count} prompt file(s) no prompt names removed from {Folder}")]
    private partial void LogOrphansRemoved(int count, string folder);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Error, Message = "Prompt file {Path} could not be removed")]
    private partial void LogFileNotRemoved(Exception exception, string path);
}
