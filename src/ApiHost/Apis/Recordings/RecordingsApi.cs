using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.Recordings;

/// <summary><c>/api/v1/recordings</c>: list, download (with HTTP range requests, RFC 9110 14) and delete call recordings.</summary>
public static partial class RecordingsApi
{
    private const string Columns =
        "id, call_id as CallId, content_type as ContentType, duration_ms as DurationMs, size_bytes as SizeBytes, created_at as CreatedAt, file_path as FilePath";

    public static RouteGroupBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recordings").WithTags("Recordings");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}/download", DownloadAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}/content", DownloadAsync).RequireAuthorization(Policies.Viewer).WithSummary("Alias of GET /api/v1/recordings/{id}/download");
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    /// <summary>Filters: <c>callId</c>, <c>from</c>/<c>to</c> on the creation time.</summary>
    internal static async Task<Results<Ok<PagedResult<Recording>>, ValidationProblem>> ListAsync(
        string? callId, string? from, string? to, int? page, int? pageSize, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        var fromTime = IsoTime.Parse(from, "from", errors);
        var toTime = IsoTime.Parse(to, "to", errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        const string where = """
            where (@callId::text is null or call_id = @callId)
              and (@from::timestamptz is null or created_at >= @from)
              and (@to::timestamptz is null or created_at < @to)
            """;
        var args = new { callId, from = fromTime, to = toTime, limit = paging.PageSize, offset = paging.Offset };
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from recordings {where}", args, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<Recording>(new CommandDefinition(
            $"select {Columns} from recordings {where} order by created_at desc, id desc limit @limit offset @offset", args, cancellationToken: cancellationToken));
        return TypedResults.Ok(new PagedResult<Recording>(items.AsList(), paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<Recording>, ProblemHttpResult>> GetAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        await FindAsync(id, db, cancellationToken) is { } recording ? TypedResults.Ok(recording) : ApiProblems.NotFound("recording", id);

    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadAsync(
        long id, NpgsqlDataSource db, IOptions<RecordingOptions> options, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, db, cancellationToken) is not { } recording)
            return ApiProblems.NotFound("recording", id);
        var path = FullPath(recording, options.Value);
        if (!File.Exists(path))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The audio file of recording {id} is missing.");
        // Range processing lets players seek and resume without fetching the whole file (206 Partial Content).
        return TypedResults.PhysicalFile(path, recording.ContentType, $"recording-{id}{Path.GetExtension(path)}", enableRangeProcessing: true);
    }

    /// <summary>
    /// Deletes the row and the file together: the row goes in a transaction that commits only once the file is gone
    /// (or found already missing, which is reported, not fatal); a file that cannot be removed keeps the row.
    /// </summary>
    internal static async Task<Results<Ok<RecordingDeleted>, ProblemHttpResult>> DeleteAsync(
        long id, NpgsqlDataSource db, IOptions<RecordingOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(RecordingsApi));
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recording = await connection.QuerySingleOrDefaultAsync<Recording>(new CommandDefinition(
            $"delete from recordings where id = @id returning {Columns}", new { id }, transaction, cancellationToken: cancellationToken));
        if (recording is null)
            return ApiProblems.NotFound("recording", id);

        var path = FullPath(recording, options.Value);
        var missing = !File.Exists(path);
        if (missing)
        {
            LogFileMissing(logger, id, path);
        }
        else
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogFileNotRemoved(logger, e, id, path);
                return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Recording not deleted",
                    detail: $"The audio file of recording {id} could not be removed; the recording was kept.");
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new RecordingDeleted(id, missing));
    }

    private static async Task<Recording?> FindAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Recording>(new CommandDefinition(
            $"select {Columns} from recordings where id = @id", new { id }, cancellationToken: cancellationToken));
    }

    private static string FullPath(Recording recording, RecordingOptions options) =>
        Path.GetFullPath(recording.FilePath, Path.GetFullPath(options.RecordingsDirectory));
}
