using Dapper;
using Npgsql;
using Pbx.Grains.Trunks;

namespace Pbx.Data.DidNumbers;

/// <summary>The <c>did_numbers</c> table: the API's edits, and the routes call grains look inbound numbers up in.</summary>
public sealed class DidNumberRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, number, description, destination_kind as DestinationKind, destination_target as DestinationTarget, created_at as CreatedAt";

    // Where each destination kind's targets live. Spliced into SQL, so constants only, never request data.
    private static readonly Dictionary<string, (string Table, string Column)> DestinationTables = new(StringComparer.Ordinal)
    {
        ["extension"] = ("extensions", "number"),
        ["ivr"] = ("ivr_menus", "id"),
        ["queue"] = ("queues", "id"),
        ["voicemail"] = ("voicemail_boxes", "extension_number"),
        ["conference"] = ("conference_rooms", "id"),
    };

    /// <summary>The destination kinds a DID may route to.</summary>
    public static IReadOnlyCollection<string> DestinationKinds => DestinationTables.Keys;

    /// <summary>Every DID for inbound routing (read per call, so an edit applies to the next call).</summary>
    public async Task<IReadOnlyList<DidDestination>> ListForRoutingAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<DidDestination>(
            "select number, destination_kind as Kind, destination_target as Target, trunk_id as TrunkId from did_numbers")).AsList();
    }

    /// <summary>A page of DIDs in number order; <paramref name="numberContains"/> filters.</summary>
    public async Task<RowPage<DidNumber>> ListAsync(string? numberContains, int offset, int limit, CancellationToken cancellationToken)
    {
        const string where = "where (@number::text is null or strpos(number, @number) > 0)";
        var args = new { number = numberContains, limit, offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from did_numbers {where}", args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<DidNumber>(new CommandDefinition(
            $"select {Columns} from did_numbers {where} order by number limit @limit offset @offset", args, cancellationToken: cancellationToken));
        return new RowPage<DidNumber>(rows.AsList(), total);
    }

    /// <summary>The DID <paramref name="id"/>, or null.</summary>
    public async Task<DidNumber?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DidNumber>(new CommandDefinition(
            $"select {Columns} from did_numbers where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Creates a DID with no route; null when the number exists.</summary>
    public async Task<DidNumber?> CreateAsync(string number, string description, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DidNumber>(new CommandDefinition(
            $"insert into did_numbers (number, description) values (@number, @description) on conflict (number) do nothing returning {Columns}",
            new { number, description }, cancellationToken: cancellationToken));
    }

    /// <summary>Sets the description (null keeps it); null when there is no DID <paramref name="id"/>.</summary>
    public Task<DidNumber?> SetDescriptionAsync(long id, string? description, CancellationToken cancellationToken) =>
        UpdateAsync("description = coalesce(@description, description)", new { id, description }, cancellationToken);

    /// <summary>Routes the DID's calls to <paramref name="kind"/> <paramref name="target"/>, or nowhere when both are null.</summary>
    public Task<DidNumber?> SetRouteAsync(long id, string? kind, string? target, CancellationToken cancellationToken) =>
        UpdateAsync("destination_kind = @kind, destination_target = @target", new { id, kind, target }, cancellationToken);

    /// <summary>Deletes DID <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("delete from did_numbers where id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Whether <paramref name="target"/> exists among <paramref name="kind"/>'s destinations; null when that kind's table is
    /// not there yet (its feature is not built), so the caller can refuse it rather than store an unchecked route.
    /// </summary>
    public async Task<bool?> DestinationExistsAsync(string kind, string target, CancellationToken cancellationToken)
    {
        var (table, column) = DestinationTables[kind];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select to_regclass(@table) is not null", new { table }, cancellationToken: cancellationToken)))
            return null;
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"select exists (select 1 from {table} where {column}::text = @target)", new { target }, cancellationToken: cancellationToken));
    }

    private async Task<DidNumber?> UpdateAsync(string assignments, object args, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DidNumber>(new CommandDefinition(
            $"update did_numbers set {assignments} where id = @id returning {Columns}", args, cancellationToken: cancellationToken));
    }
}
