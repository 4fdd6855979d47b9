using Dapper;

namespace Pbx.Data.Recordings;

/// <summary>The API's view of recordings: filtered pages, one by id, and deleting a row together with its file.</summary>
public sealed partial class RecordingRepository
{
    private const string Columns =
        "id, call_id as CallId, content_type as ContentType, duration_ms as DurationMs, size_bytes as SizeBytes, created_at as CreatedAt, file_path as FilePath";

    // A recording is within a scope when its call's CDR is (ViewScope.CdrCondition); a recording whose CDR is missing is a
    // supervisor's alone.
    private const string InScope = $"(@everything or exists (select 1 from cdrs where cdrs.call_id = recordings.call_id and {ViewScope.CdrCondition}))";

    /// <summary>
    /// A page of the recordings within <paramref name="scope"/>, newest first: of call <paramref name="callId"/>, created in
    /// [<paramref name="from"/>, <paramref name="to"/>).
    /// </summary>
    public async Task<RowPage<Recording>> ListAsync(
        ViewScope scope, string? callId, DateTime? from, DateTime? to, int offset, int limit, CancellationToken cancellationToken)
    {
        const string where = $"""
            where {InScope}
              and (@callId::text is null or call_id = @callId)
              and (@from::timestamptz is null or created_at >= @from)
              and (@to::timestamptz is null or created_at < @to)
            """;
        var args = new { everything = scope.Everything, own = scope.Extension, callId, from, to, limit, offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from recordings {where}", args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Recording>(new CommandDefinition(
            $"select {Columns} from recordings {where} order by created_at desc, id desc limit @limit offset @offset", args, cancellationToken: cancellationToken));
        return new RowPage<Recording>(rows.AsList(), total);
    }

    /// <summary>The recording <paramref name="id"/> when it is within <paramref name="scope"/>, or null (also for another's).</summary>
    public async Task<Recording?> GetAsync(long id, ViewScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Recording>(new CommandDefinition(
            $"select {Columns} from recordings where id = @id and {InScope}",
            new { id, everything = scope.Everything, own = scope.Extension }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Deletes the row of recording <paramref name="id"/> in a transaction that commits only once
    /// <paramref name="removeFile"/> returned true, so a file that cannot be removed keeps its row. Returns the row (null
    /// when there was none) and whether it is gone.
    /// </summary>
    public async Task<(Recording? Recording, bool Deleted)> DeleteAsync(long id, Func<Recording, bool> removeFile, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recording = await connection.QuerySingleOrDefaultAsync<Recording>(new CommandDefinition(
            $"delete from recordings where id = @id returning {Columns}", new { id }, transaction, cancellationToken: cancellationToken));
        if (recording is null || !removeFile(recording))
            return (recording, false);
        await transaction.CommitAsync(cancellationToken);
        return (recording, true);
    }

    /// <summary>Up to <paramref name="limit"/> recordings created before <paramref name="before"/>, oldest first (retention).</summary>
    public async Task<IReadOnlyList<long>> ListCreatedBeforeAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "select id from recordings where created_at < @before order by created_at, id limit @limit",
            new { before = before.UtcDateTime, limit }, cancellationToken: cancellationToken))).AsList();
    }
}
