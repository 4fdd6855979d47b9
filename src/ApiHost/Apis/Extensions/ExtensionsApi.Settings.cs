using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Problems;
using Pbx.Data.Extensions;
using Orleans;

namespace Pbx.ApiHost.Apis.Extensions;

public static partial class ExtensionsApi
{
    private static readonly JsonSerializerOptions SettingsJson = new(JsonSerializerDefaults.Web);

    internal static async Task<Results<Ok<ExtensionSettings>, ProblemHttpResult>> GetSettingsAsync(long id, ExtensionRepository extensions, CancellationToken cancellationToken)
    {
        var json = await extensions.GetSettingsJsonAsync(id, cancellationToken);
        return json is null
            ? ApiProblems.NotFound("extension", id)
            : TypedResults.Ok(JsonSerializer.Deserialize<ExtensionSettings>(json, SettingsJson) ?? new ExtensionSettings());
    }

    internal static async Task<Results<Ok<ExtensionSettings>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(
        long id, ExtensionSettings settings, ExtensionRepository extensions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidateForwardTarget(settings.ForwardAlways, "forwardAlways", errors);
        ValidateForwardTarget(settings.ForwardBusy, "forwardBusy", errors);
        ValidateForwardTarget(settings.ForwardNoAnswer, "forwardNoAnswer", errors);
        errors.Require(settings.NoAnswerSeconds is >= ExtensionSettings.MinNoAnswerSeconds and <= ExtensionSettings.MaxNoAnswerSeconds,
            "noAnswerSeconds", $"must be between {ExtensionSettings.MinNoAnswerSeconds} and {ExtensionSettings.MaxNoAnswerSeconds}.");
        if (!errors.IsEmpty)
            return errors.ToProblem();

        // Merged, not replaced: later features (voicemail, permission class) keep their own keys in the same document.
        if (await extensions.MergeSettingsAsync(id, JsonSerializer.Serialize(settings, SettingsJson), cancellationToken) is not { } row)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(grains, row.Number);
        return TypedResults.Ok(JsonSerializer.Deserialize<ExtensionSettings>(row.Json, SettingsJson) ?? settings);
    }

    private static void ValidateForwardTarget(string? target, string field, ValidationErrors errors) =>
        errors.Require(target is null || ForwardTargetPattern().IsMatch(target), field,
            "must be an extension number or a dialable number: 1 to 32 of digits, letters, '+', '*', '#', '_', '.', '-'.");

    [GeneratedRegex("^[0-9A-Za-z_.+*#-]{1,32}$")]
    private static partial Regex ForwardTargetPattern();
}
