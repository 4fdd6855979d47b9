using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pbx.ApiHost.Problems;
using Pbx.Audio.Prompts;
using Pbx.Data.Prompts;

namespace Pbx.ApiHost.Apis.Prompts;

public static partial class PromptsApi
{
    /// <summary>
    /// Multipart upload: <c>file</c> (WAV of any coding, rate and channels; MP3; Ogg Vorbis, told apart by content),
    /// <c>name</c> (default: the file's name without extension) and <c>language</c> (optional). 201 with a new prompt, 200
    /// when it replaced the prompt of that name and language (system prompts included); 415 for another format, 413 above
    /// <c>Media:PromptMaxUploadBytes</c>, 400 naming the file when it does not decode. Nothing is stored unless it all works.
    /// </summary>
    internal static async Task<Results<Created<Prompt>, Ok<Prompt>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        IFormFile? file, [FromForm] string? name, [FromForm] string? language, PromptLibrary library, IOptions<PromptOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(file is { Length: > 0 }, "file", "is required: a WAV, MP3 or Ogg Vorbis file, sent as multipart/form-data.");
        name = string.IsNullOrWhiteSpace(name) && file is not null ? NameOf(file.FileName) : name?.Trim();
        errors.Require(name is not null && NamePattern().IsMatch(name), "name",
            "is required: 1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit.");
        language = string.IsNullOrWhiteSpace(language) ? null : language.Trim();
        errors.Require(language is null || LanguagePattern().IsMatch(language), "language", "must be a language tag such as 'en', 'ru' or 'uz'.");
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var max = options.Value.PromptMaxUploadBytes;
        if (file!.Length > max)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "File too large",
                $"'{file.FileName}' is {file.Length:N0} bytes; a prompt may be at most {max:N0} bytes (Media:PromptMaxUploadBytes).", ProblemCodes.TooLarge);
        }
        await using var input = file.OpenReadStream();
        if (await RecogniseAsync(input, cancellationToken) is not { } format)
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported audio format",
                $"'{file.FileName}' is not an accepted audio format. Accepted: {UploadFormats.Accepted}.", ProblemCodes.PromptUnsupportedFormat);
        }
        try
        {
            var saved = await library.UploadAsync(input, format, file.FileName, name!, language, cancellationToken);
            return saved.ReplacedFile is null
                ? TypedResults.Created($"/api/v1/prompts/{saved.Prompt.Id}", saved.Prompt)
                : TypedResults.Ok(saved.Prompt);
        }
        catch (UnreadableAudioException e)
        {
            var unreadable = new ValidationErrors();
            unreadable.Add("file", e.Message, ProblemCodes.PromptUnreadable);
            return unreadable.ToProblem();
        }
    }

    private static async Task<UploadFormat?> RecogniseAsync(Stream input, CancellationToken cancellationToken)
    {
        var head = new byte[UploadFormats.HeadLength];
        int read = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        input.Position = 0;
        return UploadFormats.Recognise(head.AsSpan(0, read));
    }

    /// <summary>"Welcome message.mp3" gives "Welcome message"; characters a name cannot hold become '-'.</summary>
    private static string NameOf(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return stem.Length == 0 ? stem : NameCharacters().Replace(stem, "-")[..Math.Min(stem.Length, 64)];
    }

    // As the prompts table's checks (migration 0090).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("[^A-Za-z0-9 ._-]")]
    private static partial Regex NameCharacters();
}
