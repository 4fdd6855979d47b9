using Dapper;

namespace Pbx.Data.Cdrs;

/// <summary>
/// An extension's outbound calls as the CDRs record them, to count its limits from after a restart: those that reached a
/// trunk (a call refused before one has no trunk in its row).
/// </summary>
/// <param name="StartedSince">Start times of its outbound calls since the hour began that the per-hour limit looks back on.</param>
/// <param name="OpenCallIds">Its outbound calls still going on (their rows not closed).</param>
/// <param name="TalkSecondsToday">Talk time (answer to hang-up) of its outbound calls that ended since the day began.</param>
public sealed record OutboundUsageRow(IReadOnlyList<DateTimeOffset> StartedSince, IReadOnlyList<string> OpenCallIds, long TalkSecondsToday);

public sealed partial class CdrRepository
{
    /// <summary>
    /// The outbound calls <paramref name="caller"/> made: those started since <paramref name="hourStart"/>, those still
    /// open (started within the last day), and the talk seconds of those ended since <paramref name="dayStart"/>. Served by
    /// <c>cdrs_caller_started</c>.
    /// </summary>
    public async Task<OutboundUsageRow> FindOutboundUsageAsync(string caller, DateTimeOffset hourStart, DateTimeOffset dayStart,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var since = hourStart < dayStart ? hourStart : dayStart;
        var rows = (await connection.QueryAsync<(string CallId, DateTime StartedAt, DateTime? AnsweredAt, DateTime? EndedAt)>(new CommandDefinition(
            """
            select call_id, started_at, answered_at, ended_at from cdrs
            where caller = @caller and direction = 'outbound' and trunk is not null and started_at >= least(@since, now() - interval '1 day')
            """,
            new { caller, since = since.UtcDateTime }, cancellationToken: cancellationToken))).AsList();
        var started = rows.Select(r => new DateTimeOffset(r.StartedAt, TimeSpan.Zero)).Where(t => t >= hourStart).ToList();
        var open = rows.Where(r => r.EndedAt is null).Select(r => r.CallId).ToList();
        var talk = rows.Where(r => r is { AnsweredAt: not null, EndedAt: not null } && new DateTimeOffset(r.EndedAt.Value, TimeSpan.Zero) >= dayStart)
            .Sum(r => (long)(r.EndedAt!.Value - r.AnsweredAt!.Value).TotalSeconds);
        return new OutboundUsageRow(started, open, talk);
    }
}
