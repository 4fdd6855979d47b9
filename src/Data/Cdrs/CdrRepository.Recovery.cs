using Dapper;

namespace Pbx.Data.Cdrs;

/// <summary>The recovery pass's reads and writes: the open rows of silos gone from the cluster, and closing them.</summary>
public sealed partial class CdrRepository
{
    /// <summary>
    /// The recovery pass's one query: the open rows whose silo is not in <paramref name="liveSilos"/> (or that name none,
    /// as rows from before migration 0074 do), and the open recordings whose call has no open row of a live silo (a
    /// recording is open only within its call, so one whose row is closed, missing or orphaned was cut short too).
    /// Both are read off partial indexes that hold only open rows.
    /// </summary>
    public async Task<IReadOnlyList<OpenCallRow>> FindOrphanCandidatesAsync(IReadOnlyCollection<string> liveSilos, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<OpenCallRow>(new CommandDefinition(
            """
            select call_id as CallId, silo, null::text as FilePath from cdrs
            where ended_at is null and (silo is null or silo <> all(@liveSilos))
            union all
            select r.call_id, null, r.file_path from recordings r
            where r.completed_at is null
              and not exists (select 1 from cdrs c where c.call_id = r.call_id and c.ended_at is null and c.silo = any(@liveSilos))
            """,
            new { liveSilos = liveSilos.ToArray() },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Closes the still-open rows of <paramref name="callIds"/> as <c>interrupted</c>, hung up by the system, the cause
    /// naming the silo that died with them; returns how many. A row closed meanwhile is left as it is.
    /// </summary>
    public async Task<int> CloseInterruptedAsync(IReadOnlyCollection<string> callIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            update cdrs set ended_at = greatest(@now, started_at), disposition = 'interrupted', hangup_side = 'system',
                hangup_cause = 'silo died (' || coalesce(silo, 'unknown') || ')',
                duration_seconds = ceil(extract(epoch from greatest(@now, started_at) - started_at))::int,
                billable_seconds = coalesce(ceil(extract(epoch from greatest(@now, started_at) - answered_at))::int, 0)
            where call_id = any(@callIds) and ended_at is null
            """,
            new { callIds = callIds.ToArray(), now },
            cancellationToken: cancellationToken));
    }
}
