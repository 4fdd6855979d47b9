using Dapper;
using Npgsql;
using Pbx.Grains.Trunks;

namespace Pbx.Data.DialRules;

/// <summary>The <c>dial_rules</c> table: the API's edits, and the rules call grains match each outbound number against.</summary>
public sealed class DialRuleRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, extension_group as Group, prefix, strip, prepend, trunk_ids as Trunks";

    /// <summary>Every rule for call control (read per call, so an edit applies to the next call).</summary>
    public async Task<IReadOnlyList<DialRule>> ListForRoutingAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rules = await connection.QueryAsync<ConfiguredDialRule>($"select {Columns} from dial_rules");
        return [.. rules.Select(r => new DialRule(r.Group, r.Prefix, r.Strip, r.Prepend, r.Trunks))];
    }

    /// <summary>Every rule, by group and prefix.</summary>
    public async Task<IReadOnlyList<ConfiguredDialRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ConfiguredDialRule>(new CommandDefinition(
            $"select {Columns} from dial_rules order by extension_group, prefix", cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The rule <paramref name="id"/>, or null.</summary>
    public async Task<ConfiguredDialRule?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConfiguredDialRule>(new CommandDefinition(
            $"select {Columns} from dial_rules where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Creates the rule (its id is ignored); null when its group already has a rule for the prefix.</summary>
    public async Task<ConfiguredDialRule?> CreateAsync(ConfiguredDialRule rule, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConfiguredDialRule>(new CommandDefinition(
            $"""
            insert into dial_rules (extension_group, prefix, strip, prepend, trunk_ids) values (@Group, @Prefix, @Strip, @Prepend, @Trunks)
            on conflict (extension_group, prefix) do nothing returning {Columns}
            """, rule, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Replaces rule <paramref name="rule"/>.Id; null when there is none. Taking another rule's group and prefix throws
    /// <see cref="RowConflictException"/> with <see cref="RowConflict.Duplicate"/>.
    /// </summary>
    public Task<ConfiguredDialRule?> UpdateAsync(ConfiguredDialRule rule, CancellationToken cancellationToken) =>
        RowConflictException.TranslateAsync("dial_rules", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<ConfiguredDialRule>(new CommandDefinition(
                $"""
                update dial_rules set extension_group = @Group, prefix = @Prefix, strip = @Strip, prepend = @Prepend, trunk_ids = @Trunks
                where id = @Id returning {Columns}
                """, rule, cancellationToken: cancellationToken));
        });

    /// <summary>Deletes rule <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("delete from dial_rules where id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }
}
