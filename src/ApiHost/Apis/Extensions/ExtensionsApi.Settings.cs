using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.Extensions;

public static partial class ExtensionsApi
{
    private static readonly JsonSerializerOptions SettingsJson = new(JsonSerializerDefaults.Web);

    internal static async Task<Results<Ok<ExtensionSettings>, ProblemHttpResult>> GetSettingsAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select settings::text from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
        return json is null
            ? ApiProblems.NotFound("extension", id)
            : TypedResults.Ok(JsonSerializer.Deserialize<ExtensionSettings>(json, SettingsJson) ?? new ExtensionSettings());
    }

    internal static async Task<Results<Ok<ExtensionSettings>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(
        long id, ExtensionSettings settings, NpgsqlDataSource db, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidateForwardTarget(settings.ForwardAlways, "forwardAlways", errors);
        ValidateForwardTarget(settings.ForwardBusy, "forwardBusy", errors);
        ValidateForwardTarget(settings.ForwardNoAnswer, "forwardNoAnswer", errors);
        errors.Require(settings.NoAnswerSeconds is >= ExtensionSettings.MinNoAnswerSeconds and <= ExtensionSettings.MaxNoAnswerSeconds,
            "noAnswerSeconds", $"must be between {ExtensionSettings.MinNoAnswerSeconds} and {ExtensionSettings.MaxNoAnswerSeconds}.");
        if (!errors.IsEmpty)
            return errors.ToProblem();

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        // Merge rather than replace: later features (voicemail, permission class) keep their own keys in the same document.
        var updated = await connection.QuerySingleOrDefaultAsync<(string Number, string Json)?>(new CommandDefinition(
            "update extensions set settings = settings || @json::jsonb, updated_at = @now where id = @id returning number, settings::text",
            new { id, json = JsonSerializer.Serialize(settings, SettingsJson), now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
        if (updated is not { } row)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(context, row.Number);
        return TypedResults.Ok(JsonSerializer.Deserialize<ExtensionSettings>(row.Json, SettingsJson) ?? settings);
    }

    private static void ValidateForwardTarget(string? target, string field, ValidationErrors errors) =>
        errors.Require(target is null || ForwardTargetPattern().IsMatch(target), field,
            "must be an extension number or a dialable number: 1 to 32 of digits, letters, '+', '*', '#', '_', '.', '-'.");

    [GeneratedRegex("^[0-9A-Za-z_.+*#-]{1,32}$")]
    private static partial Regex ForwardTargetPattern();
}
