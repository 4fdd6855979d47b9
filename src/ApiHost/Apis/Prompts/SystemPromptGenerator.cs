using Pbx.Data.Prompts;

namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>
/// Speaks the <see cref="SystemPromptTexts"/> that have no prompt of their name and language yet, so it runs at every start
/// but works only at the first (or after a language is added): a prompt present, uploaded or system, is never redone or
/// overwritten. Without espeak-ng it does nothing, and says so once.
/// </summary>
public sealed partial class SystemPromptGenerator(PromptRepository prompts, PromptLibrary library, EspeakNg espeak, ILogger<SystemPromptGenerator> logger)
{
    /// <summary>Generates the missing system prompts; returns how many, or null when espeak-ng is not installed.</summary>
    public async Task<int?> GenerateAsync(CancellationToken cancellationToken)
    {
        if (espeak.Path is null)
        {
            LogNoEspeak();
            return null;
        }
        var present = await prompts.ListNamesAsync(cancellationToken);
        var missing = SystemPromptTexts.All.Where(text => !present.Contains((text.Name, text.Language))).ToList();
        if (missing.Count == 0)
            return 0;
        var folder = Directory.CreateTempSubdirectory("pbx-espeak-");
        try
        {
            var added = 0;
            foreach (var text in missing)
            {
                var spoken = Path.Combine(folder.FullName, "spoken.wav");
                try
                {
                    await espeak.SpeakAsync(text.Language, text.Text, spoken, cancellationToken);
                }
                catch (IOException e)
                {
                    // A voice this espeak-ng lacks costs that language's prompts, not the others'.
                    LogNotSpoken(e, text.Name, text.Language);
                    continue;
                }
                await using var wav = File.OpenRead(spoken);
                if (await library.AddSystemAsync(wav, text.Name, text.Language, cancellationToken) is not null)
                    added++;
            }
            LogGenerated(added, espeak.Path);
            return added;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [LoggerMessage(EventId = 6113, Level = LogLevel.Information, Message = "espeak-ng is not installed (Media:EspeakNgPath): the system prompts are not generated; upload them instead")]
    private partial void LogNoEspeak();

    [LoggerMessage(EventId = 6116, Level = LogLevel.Warning, Message = "System prompt {Name} ({Language}) could not be spoken")]
    private partial void LogNotSpoken(Exception exception, string name, string language);

    [LoggerMessage(EventId = 6114, Level = LogLevel.Information, Message = "{Count} system prompt(s) spoken by {Espeak}")]
    private partial void LogGenerated(int count, string espeak);
}
