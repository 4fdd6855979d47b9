using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data.Recordings;

namespace Pbx.ApiHost.Apis.Recordings;

/// <summary>
/// <c>/api/v1/recordings</c>: list, download (with HTTP range requests, RFC 9110 14) and delete call recordings. A phone user
/// reaches only the recordings of its own extension's calls (<see cref="UserScope"/>); another's is a 404.
/// </summary>
public static partial class RecordingsApi
{
    public static RouteGroupBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/recordings").WithTags("Recordings");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/{id:long}/download", DownloadAsync).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/{id:long}/content", DownloadAsync).RequireAuthorization(Policies.SignedIn).WithSummary("Alias of GET /api/v1/recordings/{id}/download");
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    /// <summary>Filters: <c>callId</c>, <c>from</c>/<c>to</c> on the creation time.</summary>
    internal static async Task<Results<Ok<PagedResult<Recording>>, ValidationProblem>> ListAsync(
        string? callId, string? from, string? to, int? page, int? pageSize, ClaimsPrincipal user, RecordingRepository recordings,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        var fromTime = IsoTime.Parse(from, "from", errors);
        var toTime = IsoTime.Parse(to, "to", errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return TypedResults.Ok(PagedResult.Of(await recordings.ListAsync(UserScope.Of(user), callId, fromTime, toTime, paging.Offset, paging.PageSize, cancellationToken), paging));
    }

    internal static async Task<Results<Ok<Recording>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal user, RecordingRepository recordings, CancellationToken cancellationToken) =>
        await recordings.GetAsync(id, UserScope.Of(user), cancellationToken) is { } recording ? TypedResults.Ok(recording) : ApiProblems.NotFound("recording", id);

    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadAsync(
        long id, ClaimsPrincipal user, RecordingRepository recordings, IOptions<RecordingOptions> options, CancellationToken cancellationToken)
    {
        if (await recordings.GetAsync(id, UserScope.Of(user), cancellationToken) is not { } recording)
            return ApiProblems.NotFound("recording", id);
        var path = options.Value.FullPath(recording);
        if (!File.Exists(path))
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"The audio file of recording {id} is missing.", ProblemCodes.NotFound);
        // Range processing lets players seek and resume without fetching the whole file (206 Partial Content).
        return TypedResults.PhysicalFile(path, recording.ContentType, $"recording-{id}{Path.GetExtension(path)}", enableRangeProcessing: true);
    }

    /// <summary>Deletes the row and the file together (<see cref="RecordingRemover"/>); a file that cannot be removed keeps the row (500).</summary>
    internal static async Task<Results<Ok<RecordingDeleted>, ProblemHttpResult>> DeleteAsync(long id, RecordingRemover remover, CancellationToken cancellationToken)
    {
        if (await remover.RemoveAsync(id, cancellationToken) is not { } removal)
            return ApiProblems.NotFound("recording", id);
        if (!removal.Deleted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Recording not deleted",
                detail: $"The audio file of recording {id} could not be removed; the recording was kept.");
        }
        return TypedResults.Ok(new RecordingDeleted(id, removal.FileWasMissing));
    }
}
