using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Apis.DialRules;

/// <summary><c>/api/v1/dial-rules</c>: the outbound dial plan (prefix, strip/prepend, ordered trunks per extension group).</summary>
public static partial class DialRulesApi
{
    private const string Columns = "id, extension_group as Group, prefix, strip, prepend, trunk_ids as Trunks";

    public static RouteGroupBuilder MapDialRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dial-rules").WithTags("Dial rules");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    internal static async Task<Ok<IReadOnlyList<DialRuleResponse>>> ListAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rules = await connection.QueryAsync<DialRuleResponse>(new CommandDefinition(
            $"select {Columns} from dial_rules order by extension_group, prefix", cancellationToken: cancellationToken));
        return TypedResults.Ok<IReadOnlyList<DialRuleResponse>>(rules.AsList());
    }

    internal static async Task<Results<Ok<DialRuleResponse>, ProblemHttpResult>> GetAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rule = await connection.QuerySingleOrDefaultAsync<DialRuleResponse>(new CommandDefinition(
            $"select {Columns} from dial_rules where id = @id", new { id }, cancellationToken: cancellationToken));
        return rule is null ? ApiProblems.NotFound("dial rule", id) : TypedResults.Ok(rule);
    }

    internal static async Task<Results<Created<DialRuleResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        DialRuleRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (await ValidateAsync(connection, request, cancellationToken) is { IsEmpty: false } errors)
            return errors.ToProblem();
        var rule = await connection.QuerySingleOrDefaultAsync<DialRuleResponse>(new CommandDefinition(
            $"""
            insert into dial_rules (extension_group, prefix, strip, prepend, trunk_ids) values (@Group, @Prefix, @Strip, @Prepend, @Trunks)
            on conflict (extension_group, prefix) do nothing returning {Columns}
            """, Parameters(request, 0), cancellationToken: cancellationToken));
        return rule is null
            ? ApiProblems.Conflict($"A dial rule for group '{request.Group ?? "*"}' and prefix '{request.Prefix}' already exists.")
            : TypedResults.Created($"/api/v1/dial-rules/{rule.Id}", rule);
    }

    internal static async Task<Results<Ok<DialRuleResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, DialRuleRequest request, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (await ValidateAsync(connection, request, cancellationToken) is { IsEmpty: false } errors)
            return errors.ToProblem();
        try
        {
            var rule = await connection.QuerySingleOrDefaultAsync<DialRuleResponse>(new CommandDefinition(
                $"""
                update dial_rules set extension_group = @Group, prefix = @Prefix, strip = @Strip, prepend = @Prepend, trunk_ids = @Trunks
                where id = @Id returning {Columns}
                """, Parameters(request, id), cancellationToken: cancellationToken));
            return rule is null ? ApiProblems.NotFound("dial rule", id) : TypedResults.Ok(rule);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ApiProblems.Conflict($"A dial rule for group '{request.Group ?? "*"}' and prefix '{request.Prefix}' already exists.");
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("delete from dial_rules where id = @id", new { id }, cancellationToken: cancellationToken));
        return deleted == 1 ? TypedResults.NoContent() : ApiProblems.NotFound("dial rule", id);
    }

    /// <summary>Every field checked, and every trunk named must exist, so a rule cannot route calls nowhere.</summary>
    private static async Task<ValidationErrors> ValidateAsync(NpgsqlConnection connection, DialRuleRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Group is null || GroupPattern().IsMatch(request.Group), "group", "must be '*' or 1 to 32 of letters, digits, '_', '-'.");
        errors.Require(request.Prefix is not null && PrefixPattern().IsMatch(request.Prefix), "prefix", "must be 1 to 16 of digits, '*', '#', '+'.");
        errors.Require(request.Strip is null or (>= 0 and <= 16), "strip", "must be between 0 and 16.");
        errors.Require(request.Prepend is null || PrependPattern().IsMatch(request.Prepend), "prepend", "must be 0 to 16 of digits and '+'.");
        if (request.Trunks is not { Length: > 0 } trunks)
        {
            errors.Add("trunks", "must name at least one trunk.");
            return errors;
        }
        var known = (await connection.QueryAsync<string>(new CommandDefinition(
            "select id from trunks where id = any(@trunks)", new { trunks }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        foreach (var trunk in trunks.Where(t => !known.Contains(t)))
            errors.Add("trunks", $"'{trunk}' is not a trunk.");
        return errors;
    }

    private static object Parameters(DialRuleRequest request, long id) =>
        new { Id = id, Group = request.Group ?? "*", request.Prefix, Strip = request.Strip ?? 0, Prepend = request.Prepend ?? "", request.Trunks };

    [GeneratedRegex("^(\\*|[A-Za-z0-9_-]{1,32})$")]
    private static partial Regex GroupPattern();

    [GeneratedRegex("^[0-9*#+]{1,16}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[0-9+]{0,16}$")]
    private static partial Regex PrependPattern();
}
