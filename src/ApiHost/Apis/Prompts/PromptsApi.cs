using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data.Prompts;

namespace Pbx.ApiHost.Apis.Prompts;

/// <summary>
/// <c>/api/v1/prompts</c>: the audio IVR menus, queues and music on hold play. Admins upload (<c>PromptsApi.Upload.cs</c>)
/// and delete; operators and viewers list and listen. System prompts (spoken by espeak-ng at first start) cannot be deleted:
/// an upload with the same name and language replaces one, keeping its id, and is never overwritten by the PBX.
/// </summary>
public static partial class PromptsApi
{
    public static RouteGroupBuilder MapPromptsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/prompts").WithTags("Prompts");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}/content", ContentAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", UploadAsync).RequireAuthorization(Policies.Admin)
            // Tokens, not cookies, authenticate the API: no cross-site form can post on a user's behalf.
            .DisableAntiforgery()
            .WithMetadata(new UploadSizeLimit(app.ServiceProvider.GetRequiredService<IOptions<PromptOptions>>().Value.PromptMaxUploadBytes));
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    /// <summary>Filters: <c>name</c> (contains, any case), <c>language</c> (exact).</summary>
    internal static async Task<Results<Ok<PagedResult<Prompt>>, ValidationProblem>> ListAsync(
        string? name, string? language, int? page, int? pageSize, PromptRepository prompts, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return TypedResults.Ok(PagedResult.Of(await prompts.ListAsync(name, language, paging.Offset, paging.PageSize, cancellationToken), paging));
    }

    internal static async Task<Results<Ok<Prompt>, ProblemHttpResult>> GetAsync(long id, PromptRepository prompts, CancellationToken cancellationToken) =>
        await prompts.GetAsync(id, cancellationToken) is { } prompt ? TypedResults.Ok(prompt) : ApiProblems.NotFound("prompt", id);

    /// <summary>The converted audio (8 kHz mono WAV), inline so a browser's audio element plays it; ranges allow seeking.</summary>
    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ContentAsync(
        long id, PromptRepository prompts, IOptions<PromptOptions> options, CancellationToken cancellationToken)
    {
        if (await prompts.GetAsync(id, cancellationToken) is not { } prompt)
            return ApiProblems.NotFound("prompt", id);
        var path = options.Value.FullPath(prompt.File);
        if (!File.Exists(path))
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"The audio file of prompt {id} is missing.", ProblemCodes.NotFound);
        return TypedResults.PhysicalFile(path, "audio/wav", enableRangeProcessing: true);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, PromptLibrary library, CancellationToken cancellationToken) =>
        await library.DeleteAsync(id, cancellationToken) switch
        {
            PromptDeletion.Deleted => TypedResults.NoContent(),
            PromptDeletion.NotFound => ApiProblems.NotFound("prompt", id),
            PromptDeletion.System => ApiProblems.Conflict(
                $"Prompt {id} is a system prompt and cannot be deleted; upload a file with the same name and language to replace it.",
                ProblemCodes.PromptIsSystem),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Prompt not deleted",
                detail: $"The audio file of prompt {id} could not be removed; the prompt was kept."),
        };
}
