using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.Extensions;

public static partial class ExtensionsApi
{
    private static readonly string[] PermissionClasses = ["internal", "national", "international"];

    private const string OutboundColumns = "extension_group as Group, permission_class as PermissionClass, outbound_caller_id as OutboundCallerId";

    internal static async Task<Results<Ok<ExtensionOutboundSettings>, ProblemHttpResult>> GetOutboundAsync(
        long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var outbound = await connection.QuerySingleOrDefaultAsync<ExtensionOutboundSettings>(new CommandDefinition(
            $"select {OutboundColumns} from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
        return outbound is null ? ApiProblems.NotFound("extension", id) : TypedResults.Ok(outbound);
    }

    internal static async Task<Results<Ok<ExtensionOutboundSettings>, ValidationProblem, ProblemHttpResult>> PutOutboundAsync(
        long id, ExtensionOutboundSettings settings, NpgsqlDataSource db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(settings.Group is not null && GroupPattern().IsMatch(settings.Group), "group", "must be 1 to 32 of letters, digits, '_', '-'.");
        errors.Require(settings.PermissionClass is not null && PermissionClasses.Contains(settings.PermissionClass), "permissionClass",
            "must be internal, national or international.");
        errors.Require(settings.OutboundCallerId is null || CallerIdPattern().IsMatch(settings.OutboundCallerId), "outboundCallerId",
            "must be a phone number: an optional '+' and 3 to 15 digits.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var updated = await connection.QuerySingleOrDefaultAsync<ExtensionOutboundSettings>(new CommandDefinition(
            $"""
            update extensions set extension_group = @Group, permission_class = @PermissionClass, outbound_caller_id = @OutboundCallerId, updated_at = @now
            where id = @id returning {OutboundColumns}
            """,
            new { id, settings.Group, settings.PermissionClass, settings.OutboundCallerId, now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
        return updated is null ? ApiProblems.NotFound("extension", id) : TypedResults.Ok(updated);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex GroupPattern();

    // ITU-T E.164: at most 15 digits.
    [GeneratedRegex(@"^\+?[0-9]{3,15}$")]
    private static partial Regex CallerIdPattern();
}
