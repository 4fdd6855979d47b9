using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data.DidNumbers;

namespace Pbx.ApiHost.Apis.DidNumbers;

/// <summary><c>/api/v1/did-numbers</c>: inbound numbers and their routes. Everyone signed in reads; only admins change.</summary>
public static partial class DidNumbersApi
{
    public static RouteGroupBuilder MapDidNumbersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/did-numbers").WithTags("DID numbers");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}/route", PutRouteAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}/route", DeleteRouteAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    /// <summary>Filter: <c>number</c> (contains).</summary>
    internal static async Task<Results<Ok<PagedResult<DidNumber>>, ValidationProblem>> ListAsync(
        string? number, int? page, int? pageSize, DidNumberRepository dids, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return TypedResults.Ok(PagedResult.Of(await dids.ListAsync(number, paging.Offset, paging.PageSize, cancellationToken), paging));
    }

    internal static async Task<Results<Ok<DidNumber>, ProblemHttpResult>> GetAsync(long id, DidNumberRepository dids, CancellationToken cancellationToken) =>
        await dids.GetAsync(id, cancellationToken) is { } did ? TypedResults.Ok(did) : ApiProblems.NotFound("DID number", id);

    internal static async Task<Results<Created<DidNumber>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateDidNumberRequest request, DidNumberRepository dids, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Number is not null && DidPattern().IsMatch(request.Number), "number",
            "is required: E.164 digits with an optional leading '+', 2 to 20 digits.");
        ValidateDescription(request.Description, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var did = await dids.CreateAsync(request.Number!, request.Description ?? "", cancellationToken);
        return did is null
            ? ApiProblems.Conflict($"DID number '{request.Number}' already exists.")
            : TypedResults.Created($"/api/v1/did-numbers/{did.Id}", did);
    }

    internal static async Task<Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateDidNumberRequest request, DidNumberRepository dids, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidateDescription(request.Description, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return Found(id, await dids.SetDescriptionAsync(id, request.Description, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, DidNumberRepository dids, CancellationToken cancellationToken) =>
        await dids.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("DID number", id);

    internal static async Task<Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult>> PutRouteAsync(
        long id, DidRouteRequest route, DidNumberRepository dids, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        await DidDestinations.ValidateAsync(route, dids, errors, cancellationToken);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return Found(id, await dids.SetRouteAsync(id, route.Kind, route.Target, cancellationToken));
    }

    internal static async Task<Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult>> DeleteRouteAsync(
        long id, DidNumberRepository dids, CancellationToken cancellationToken) =>
        Found(id, await dids.SetRouteAsync(id, null, null, cancellationToken));

    private static Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult> Found(long id, DidNumber? did) =>
        did is null ? ApiProblems.NotFound("DID number", id) : TypedResults.Ok(did);

    private static void ValidateDescription(string? description, ValidationErrors errors) =>
        errors.Require(description is null || description.Length <= 200, "description", "must be at most 200 characters.");

    [GeneratedRegex(@"^\+?[0-9]{2,20}$")]
    private static partial Regex DidPattern();
}
