using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.DidNumbers;

/// <summary><c>/api/v1/did-numbers</c>: inbound numbers and their routes. Everyone signed in reads; only admins change.</summary>
public static partial class DidNumbersApi
{
    private const string Columns =
        "id, number, description, destination_kind as DestinationKind, destination_target as DestinationTarget, created_at as CreatedAt";

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
        string? number, int? page, int? pageSize, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        const string where = "where (@number::text is null or strpos(number, @number) > 0)";
        var args = new { number, limit = paging.PageSize, offset = paging.Offset };
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from did_numbers {where}", args, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<DidNumber>(new CommandDefinition(
            $"select {Columns} from did_numbers {where} order by number limit @limit offset @offset", args, cancellationToken: cancellationToken));
        return TypedResults.Ok(new PagedResult<DidNumber>(items.AsList(), paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<DidNumber>, ProblemHttpResult>> GetAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var did = await connection.QuerySingleOrDefaultAsync<DidNumber>(new CommandDefinition(
            $"select {Columns} from did_numbers where id = @id", new { id }, cancellationToken: cancellationToken));
        return did is null ? ApiProblems.NotFound("DID number", id) : TypedResults.Ok(did);
    }

    internal static async Task<Results<Created<DidNumber>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateDidNumberRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Number is not null && DidPattern().IsMatch(request.Number), "number",
            "is required: E.164 digits with an optional leading '+', 2 to 20 digits.");
        ValidateDescription(request.Description, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var did = await connection.QuerySingleOrDefaultAsync<DidNumber>(new CommandDefinition(
            $"""
            insert into did_numbers (number, description) values (@number, @description)
            on conflict (number) do nothing
            returning {Columns}
            """,
            new { number = request.Number, description = request.Description ?? "" },
            cancellationToken: cancellationToken));
        return did is null
            ? ApiProblems.Conflict($"DID number '{request.Number}' already exists.")
            : TypedResults.Created($"/api/v1/did-numbers/{did.Id}", did);
    }

    internal static async Task<Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateDidNumberRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidateDescription(request.Description, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await UpdateReturningAsync(db, id, "description = coalesce(@description, description)", new { id, description = request.Description }, cancellationToken);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("delete from did_numbers where id = @id", new { id }, cancellationToken: cancellationToken));
        return deleted == 1 ? TypedResults.NoContent() : ApiProblems.NotFound("DID number", id);
    }

    internal static async Task<Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult>> PutRouteAsync(
        long id, DidRouteRequest route, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        await DidDestinations.ValidateAsync(route, db, errors, cancellationToken);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await UpdateReturningAsync(db, id, "destination_kind = @kind, destination_target = @target",
            new { id, kind = route.Kind, target = route.Target }, cancellationToken);
    }

    internal static async Task<Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult>> DeleteRouteAsync(
        long id, NpgsqlDataSource db, CancellationToken cancellationToken) =>
        await UpdateReturningAsync(db, id, "destination_kind = null, destination_target = null", new { id }, cancellationToken);

    private static async Task<Results<Ok<DidNumber>, ValidationProblem, ProblemHttpResult>> UpdateReturningAsync(
        NpgsqlDataSource db, long id, string assignments, object args, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var did = await connection.QuerySingleOrDefaultAsync<DidNumber>(new CommandDefinition(
            $"update did_numbers set {assignments} where id = @id returning {Columns}", args, cancellationToken: cancellationToken));
        return did is null ? ApiProblems.NotFound("DID number", id) : TypedResults.Ok(did);
    }

    private static void ValidateDescription(string? description, ValidationErrors errors) =>
        errors.Require(description is null || description.Length <= 200, "description", "must be at most 200 characters.");

    [GeneratedRegex(@"^\+?[0-9]{2,20}$")]
    private static partial Regex DidPattern();
}
