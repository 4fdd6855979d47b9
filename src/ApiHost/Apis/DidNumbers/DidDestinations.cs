using Dapper;
using Npgsql;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.DidNumbers;

/// <summary>
/// Checks that a route's target exists. Each kind names the table and key column that hold its targets; a kind whose
/// table has not been created yet (its feature is not built) is refused as not available rather than stored unchecked.
/// </summary>
internal static class DidDestinations
{
    // Table and column names are constants, never request data, because they are spliced into SQL.
    private static readonly Dictionary<string, (string Table, string Column)> Kinds = new(StringComparer.Ordinal)
    {
        ["extension"] = ("extensions", "number"),
        ["ivr"] = ("ivr_menus", "id"),
        ["queue"] = ("queues", "id"),
        ["voicemail"] = ("voicemail_boxes", "extension_number"),
        ["conference"] = ("conference_rooms", "id"),
    };

    public static async Task ValidateAsync(DidRouteRequest route, NpgsqlDataSource db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (route.Kind is null || !Kinds.TryGetValue(route.Kind, out var source))
        {
            errors.Add("kind", $"must be one of {string.Join(", ", Kinds.Keys)}.");
            return;
        }
        if (string.IsNullOrWhiteSpace(route.Target) || route.Target.Length > 64)
        {
            errors.Add("target", "is required: 1 to 64 characters.");
            return;
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var tableExists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass(@table) is not null", new { table = source.Table }, cancellationToken: cancellationToken));
        if (!tableExists)
        {
            errors.Add("kind", $"'{route.Kind}' destinations are not available yet.");
            return;
        }
        var targetExists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"select exists (select 1 from {source.Table} where {source.Column}::text = @target)", new { target = route.Target },
            cancellationToken: cancellationToken));
        errors.Require(targetExists, "target", $"no {route.Kind} '{route.Target}' exists.");
    }
}
