using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Pbx.Data;
using Pbx.Data.DialRules;
using Pbx.Data.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.ApiHost.Apis.DialRules;

/// <summary><c>/api/v1/dial-rules</c>: the outbound dial plan (prefix, strip/prepend, ordered trunks per extension group).</summary>
public static partial class DialRulesApi
{
    public static RouteGroupBuilder MapDialRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/dial-rules").WithTags("Dial rules");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapPost("/test", TestAsync).RequireAuthorization(Policies.Viewer);
        return group;
    }

    /// <summary>What happens when an extension dials a number, answered by the routing calls use (a grain); nothing is dialled.</summary>
    internal static async Task<Results<Ok<DialTestResponse>, ValidationProblem>> TestAsync(DialTestRequest request, IGrainFactory grains)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Number is not null && DialledPattern().IsMatch(request.Number), "number", "must be 1 to 32 of digits, '*', '#', '+'.");
        errors.Require(request.Extension is { Length: > 0 and <= 32 }, "extension", "must be the number of the extension that dials.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        var test = await grains.GetGrain<IDialPlanGrain>(0).TestAsync(request.Number!, request.Extension!);
        return TypedResults.Ok(DialTestResponse.From(test));
    }

    internal static async Task<Ok<IReadOnlyList<ConfiguredDialRule>>> ListAsync(DialRuleRepository rules, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rules.ListAsync(cancellationToken));

    internal static async Task<Results<Ok<ConfiguredDialRule>, ProblemHttpResult>> GetAsync(long id, DialRuleRepository rules, CancellationToken cancellationToken) =>
        await rules.GetAsync(id, cancellationToken) is { } rule ? TypedResults.Ok(rule) : ApiProblems.NotFound("dial rule", id);

    internal static async Task<Results<Created<ConfiguredDialRule>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        DialRuleRequest request, DialRuleRepository rules, TrunkRepository trunks, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(trunks, request, cancellationToken) is { IsEmpty: false } errors)
            return errors.ToProblem();
        var rule = await rules.CreateAsync(ToRule(request, 0), cancellationToken);
        return rule is null
            ? ApiProblems.Conflict($"A dial rule for group '{request.Group ?? "*"}' and prefix '{request.Prefix}' already exists.")
            : TypedResults.Created($"/api/v1/dial-rules/{rule.Id}", rule);
    }

    internal static async Task<Results<Ok<ConfiguredDialRule>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, DialRuleRequest request, DialRuleRepository rules, TrunkRepository trunks, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(trunks, request, cancellationToken) is { IsEmpty: false } errors)
            return errors.ToProblem();
        try
        {
            var rule = await rules.UpdateAsync(ToRule(request, id), cancellationToken);
            return rule is null ? ApiProblems.NotFound("dial rule", id) : TypedResults.Ok(rule);
        }
        catch (RowConflictException e) when (e.Conflict == RowConflict.Duplicate)
        {
            return ApiProblems.Conflict($"A dial rule for group '{request.Group ?? "*"}' and prefix '{request.Prefix}' already exists.");
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, DialRuleRepository rules, CancellationToken cancellationToken) =>
        await rules.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("dial rule", id);

    /// <summary>Every field checked, and every trunk named must exist, so a rule cannot route calls nowhere.</summary>
    private static async Task<ValidationErrors> ValidateAsync(TrunkRepository trunkRepository, DialRuleRequest request, CancellationToken cancellationToken)
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
        var known = await trunkRepository.FindExistingAsync(trunks, cancellationToken);
        foreach (var trunk in trunks.Where(t => !known.Contains(t)))
            errors.Add("trunks", $"'{trunk}' is not a trunk.");
        return errors;
    }

    private static ConfiguredDialRule ToRule(DialRuleRequest request, long id) => new()
    {
        Id = id,
        Group = request.Group ?? "*",
        Prefix = request.Prefix!,
        Strip = request.Strip ?? 0,
        Prepend = request.Prepend ?? "",
        Trunks = request.Trunks!,
    };

    [GeneratedRegex("^(\\*|[A-Za-z0-9_-]{1,32})$")]
    private static partial Regex GroupPattern();

    [GeneratedRegex("^[0-9*#+]{1,16}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[0-9+]{0,16}$")]
    private static partial Regex PrependPattern();

    [GeneratedRegex(@"^[0-9*#+]{1,32}$")]
    private static partial Regex DialledPattern();
}
