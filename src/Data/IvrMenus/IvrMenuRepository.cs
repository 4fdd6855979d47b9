using System.Text.Json;
using Dapper;
using Npgsql;

namespace Pbx.Data.IvrMenus;

/// <summary>The <c>ivr_menus</c> table: IVR menus as the API edits them and the IVR grains load them.</summary>
public sealed class IvrMenuRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = """
        id, name, number, greeting, invalid_prompt as InvalidPrompt, timeout_prompt as TimeoutPrompt,
        timeout_seconds as TimeoutSeconds, inter_digit_seconds as InterDigitSeconds, max_retries as MaxRetries,
        direct_dial as DirectDial, keys::text as KeysJson, final_kind as FinalKind, final_target as FinalTarget,
        language, time_condition_id as TimeConditionId, closed_kind as ClosedKind, closed_target as ClosedTarget,
        created_at as CreatedAt, updated_at as UpdatedAt
        """;

    /// <summary>Every menu, by id.</summary>
    public async Task<IReadOnlyList<IvrMenu>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"select {Columns} from ivr_menus order by id", cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToMenu())];
    }

    /// <summary>Menu <paramref name="id"/>, or null.</summary>
    public async Task<IvrMenu?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from ivr_menus where id = @id", new { id }, cancellationToken: cancellationToken)))?.ToMenu();
    }

    /// <summary>The id of the menu reached by the internal <paramref name="number"/>, or null (read per call: no cache to go stale).</summary>
    public async Task<string?> FindIdByNumberAsync(string number)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<string>("select id from ivr_menus where number = @number", new { number });
    }

    /// <summary>Creates <paramref name="menu"/>; a <see cref="RowConflictException"/> when its id or number is taken.</summary>
    public Task<IvrMenu> CreateAsync(IvrMenu menu, CancellationToken cancellationToken) =>
        RowConflictException.TranslateAsync("ivr_menus", async () =>
        {
            var now = time.GetUtcNow();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return (await connection.QuerySingleAsync<Row>(new CommandDefinition($"""
                insert into ivr_menus (id, name, number, greeting, invalid_prompt, timeout_prompt, timeout_seconds, inter_digit_seconds,
                    max_retries, direct_dial, keys, final_kind, final_target, language, time_condition_id, closed_kind, closed_target,
                    created_at, updated_at)
                values (@Id, @Name, @Number, @Greeting, @InvalidPrompt, @TimeoutPrompt, @TimeoutSeconds, @InterDigitSeconds,
                    @MaxRetries, @DirectDial, @KeysJson::jsonb, @FinalKind, @FinalTarget, @Language, @TimeConditionId, @ClosedKind, @ClosedTarget,
                    @now, @now)
                returning {Columns}
                """, Arguments(menu, now), cancellationToken: cancellationToken))).ToMenu();
        });

    /// <summary>Replaces menu <paramref name="menu"/>.Id's settings; null when there is none; a <see cref="RowConflictException"/> when its number is taken.</summary>
    public Task<IvrMenu?> UpdateAsync(IvrMenu menu, CancellationToken cancellationToken) =>
        RowConflictException.TranslateAsync("ivr_menus", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
                update ivr_menus set name = @Name, number = @Number, greeting = @Greeting, invalid_prompt = @InvalidPrompt,
                    timeout_prompt = @TimeoutPrompt, timeout_seconds = @TimeoutSeconds, inter_digit_seconds = @InterDigitSeconds,
                    max_retries = @MaxRetries, direct_dial = @DirectDial, keys = @KeysJson::jsonb, final_kind = @FinalKind,
                    final_target = @FinalTarget, language = @Language, time_condition_id = @TimeConditionId, closed_kind = @ClosedKind,
                    closed_target = @ClosedTarget, updated_at = @now
                where id = @Id
                returning {Columns}
                """, Arguments(menu, time.GetUtcNow()), cancellationToken: cancellationToken)))?.ToMenu();
        });

    /// <summary>What sends callers to menu <paramref name="id"/>: DIDs ("DID +998...") and other menus' keys or final destination ("menu sales").</summary>
    public async Task<IReadOnlyList<string>> ListRoutingToAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            """
            select 'DID ' || number from did_numbers where destination_kind = 'ivr' and destination_target = @id
            union all
            select 'menu ' || m.id from ivr_menus m
            where m.id <> @id and ((m.final_kind = 'menu' and m.final_target = @id) or (m.closed_kind = 'menu' and m.closed_target = @id)
                or exists (select 1 from jsonb_each(m.keys) k where k.value->>'kind' = 'menu' and k.value->>'target' = @id))
            order by 1
            """, new { id }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The ids of the menus whose opening hours are time condition <paramref name="conditionId"/>.</summary>
    public async Task<IReadOnlyList<string>> ListByTimeConditionAsync(long conditionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select id from ivr_menus where time_condition_id = @conditionId order by id", new { conditionId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Deletes menu <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("delete from ivr_menus where id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private static object Arguments(IvrMenu menu, DateTimeOffset now) => new
    {
        menu.Id, menu.Name, menu.Number, menu.Greeting, menu.InvalidPrompt, menu.TimeoutPrompt, menu.TimeoutSeconds, menu.InterDigitSeconds,
        menu.MaxRetries, menu.DirectDial, KeysJson = JsonSerializer.Serialize(menu.Keys, JsonSerializerOptions.Web),
        FinalKind = menu.Final?.Kind, FinalTarget = menu.Final?.Target, menu.Language, menu.TimeConditionId,
        ClosedKind = menu.Closed?.Kind, ClosedTarget = menu.Closed?.Target, now,
    };

    private sealed record Row(string Id, string Name, string? Number, string Greeting, string? InvalidPrompt, string? TimeoutPrompt,
        int TimeoutSeconds, int InterDigitSeconds, int MaxRetries, bool DirectDial, string KeysJson, string? FinalKind, string? FinalTarget,
        string? Language, long? TimeConditionId, string? ClosedKind, string? ClosedTarget, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public IvrMenu ToMenu() => new()
        {
            Id = Id, Name = Name, Number = Number, Greeting = Greeting, InvalidPrompt = InvalidPrompt, TimeoutPrompt = TimeoutPrompt,
            TimeoutSeconds = TimeoutSeconds, InterDigitSeconds = InterDigitSeconds, MaxRetries = MaxRetries, DirectDial = DirectDial,
            Keys = JsonSerializer.Deserialize<Dictionary<string, IvrMenuAction>>(KeysJson, JsonSerializerOptions.Web) ?? [],
            Final = FinalKind is null ? null : new IvrMenuAction(FinalKind, FinalTarget),
            Language = Language, TimeConditionId = TimeConditionId,
            Closed = ClosedKind is null ? null : new IvrMenuAction(ClosedKind, ClosedTarget),
            CreatedAt = CreatedAt, UpdatedAt = UpdatedAt,
        };
    }
}
