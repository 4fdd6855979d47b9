using System.Text.Json;
using Dapper;
using Npgsql;

namespace Pbx.Data.TimeConditions;

/// <summary>
/// The <c>time_conditions</c> table. The hours and holidays are JSON columns, written and read whole with their condition;
/// a unique name taken is a <see cref="RowConflictException"/>.
/// </summary>
public sealed class TimeConditionRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, name, time_zone as TimeZone, override, weekly_hours::text as WeeklyHours, holidays::text as Holidays, updated_at as UpdatedAt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A page of conditions in name order.</summary>
    public async Task<RowPage<TimeCondition>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from time_conditions", cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from time_conditions order by name limit @limit offset @offset", new { limit, offset }, cancellationToken: cancellationToken));
        return new RowPage<TimeCondition>([.. rows.Select(row => row.ToCondition())], total);
    }

    /// <summary>The condition <paramref name="id"/>, or null.</summary>
    public async Task<TimeCondition?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from time_conditions where id = @id", new { id }, cancellationToken: cancellationToken)))?.ToCondition();
    }

    /// <summary>Creates a condition with no override.</summary>
    public Task<TimeCondition> CreateAsync(TimeConditionSettings settings, CancellationToken cancellationToken) =>
        RowConflictException.TranslateAsync("time_conditions", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return (await connection.QuerySingleAsync<Row>(new CommandDefinition(
                $"""
                insert into time_conditions (name, time_zone, weekly_hours, holidays) values (@name, @timeZone, @weeklyHours::jsonb, @holidays::jsonb)
                returning {Columns}
                """, Args(settings), cancellationToken: cancellationToken))).ToCondition();
        });

    /// <summary>Replaces the settings of condition <paramref name="id"/> (the override stays); null when there is none.</summary>
    public Task<TimeCondition?> UpdateAsync(long id, TimeConditionSettings settings, CancellationToken cancellationToken) =>
        RowConflictException.TranslateAsync("time_conditions", async () =>
        {
            var args = new DynamicParameters(Args(settings));
            args.Add("id", id);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"""
                update time_conditions set name = @name, time_zone = @timeZone, weekly_hours = @weeklyHours::jsonb, holidays = @holidays::jsonb,
                    updated_at = now()
                where id = @id returning {Columns}
                """, args, cancellationToken: cancellationToken)))?.ToCondition();
        });

    /// <summary>Sets the day/night switch of condition <paramref name="id"/>; null when there is none.</summary>
    public async Task<TimeCondition?> SetOverrideAsync(long id, string @override, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"update time_conditions set override = @override, updated_at = now() where id = @id returning {Columns}",
            new { id, @override }, cancellationToken: cancellationToken)))?.ToCondition();
    }

    /// <summary>Deletes condition <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("delete from time_conditions where id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    private static object Args(TimeConditionSettings settings) => new
    {
        name = settings.Name,
        timeZone = settings.TimeZone,
        weeklyHours = JsonSerializer.Serialize(settings.WeeklyHours, Json),
        holidays = JsonSerializer.Serialize(settings.Holidays, Json),
    };

    /// <summary>A row as read, the JSON columns as text.</summary>
    private sealed record Row(long Id, string Name, string TimeZone, string Override, string WeeklyHours, string Holidays, DateTime UpdatedAt)
    {
        public TimeCondition ToCondition() => new()
        {
            Id = Id,
            Name = Name,
            TimeZone = TimeZone,
            Override = Override,
            WeeklyHours = JsonSerializer.Deserialize<List<WeeklyRange>>(WeeklyHours, Json)!,
            Holidays = JsonSerializer.Deserialize<List<HolidayRange>>(Holidays, Json)!,
            UpdatedAt = UpdatedAt,
        };
    }
}
