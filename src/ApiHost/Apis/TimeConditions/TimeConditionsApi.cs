using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data;
using Pbx.Data.IvrMenus;
using Pbx.Data.TimeConditions;
using Pbx.Grains.TimeConditions;

namespace Pbx.ApiHost.Apis.TimeConditions;

/// <summary>
/// <c>/api/v1/time-conditions</c>: business hours, holidays and the day/night switch that IVR menus and DIDs route by.
/// Everyone but phone users reads; admins change the schedule; operators, who run the switchboard, also flip the override.
/// </summary>
public static class TimeConditionsApi
{
    public static RouteGroupBuilder MapTimeConditionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/time-conditions").WithTags("Time conditions");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}/state", StateAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}/override", SetOverrideAsync).RequireAuthorization(Policies.Operator);
        return group;
    }

    internal static async Task<Results<Ok<PagedResult<TimeCondition>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, TimeConditionRepository conditions, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return TypedResults.Ok(PagedResult.Of(await conditions.ListAsync(paging.Offset, paging.PageSize, cancellationToken), paging));
    }

    internal static async Task<Results<Ok<TimeCondition>, ProblemHttpResult>> GetAsync(long id, TimeConditionRepository conditions, CancellationToken cancellationToken) =>
        await conditions.GetAsync(id, cancellationToken) is { } condition ? TypedResults.Ok(condition) : ApiProblems.NotFound("time condition", id);

    internal static async Task<Results<Created<TimeCondition>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TimeConditionRequest request, TimeConditionRepository conditions, CancellationToken cancellationToken)
    {
        var settings = request.ToSettings();
        if (Validate(settings) is { } problem)
            return problem;
        try
        {
            var created = await conditions.CreateAsync(settings, cancellationToken);
            return TypedResults.Created($"/api/v1/time-conditions/{created.Id}", created);
        }
        catch (RowConflictException)
        {
            return NameTaken(settings.Name);
        }
    }

    internal static async Task<Results<Ok<TimeCondition>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, TimeConditionRequest request, TimeConditionRepository conditions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var settings = request.ToSettings();
        if (Validate(settings) is { } problem)
            return problem;
        try
        {
            var updated = await conditions.UpdateAsync(id, settings, cancellationToken);
            await Told(grains, id);
            return Found(id, updated);
        }
        catch (RowConflictException)
        {
            return NameTaken(settings.Name);
        }
    }

    internal static async Task<Results<Ok<TimeCondition>, ValidationProblem, ProblemHttpResult>> SetOverrideAsync(
        long id, OverrideRequest request, TimeConditionRepository conditions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Override is not null && TimeConditionOverride.All.Contains(request.Override), "override",
            $"is required: one of {string.Join(", ", TimeConditionOverride.All)}.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        var updated = await conditions.SetOverrideAsync(id, request.Override!, cancellationToken);
        await Told(grains, id);
        return Found(id, updated);
    }

    /// <summary>Deletes a condition no menu routes by (409 naming the menus that do).</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, TimeConditionRepository conditions, IvrMenuRepository menus, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await menus.ListByTimeConditionAsync(id, cancellationToken) is { Count: > 0 } routing)
            return ApiProblems.Conflict($"IVR menus {string.Join(", ", routing)} open by this time condition: give them other hours first.");
        if (!await conditions.DeleteAsync(id, cancellationToken))
            return ApiProblems.NotFound("time condition", id);
        await Told(grains, id);
        return TypedResults.NoContent();
    }

    /// <summary>The condition's grain reads it again, so the next caller is routed by what was just stored.</summary>
    private static Task Told(IGrainFactory grains, long id) =>
        grains.GetGrain<ITimeConditionGrain>(id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ForgetAsync();

    /// <summary>
    /// Open or closed now (the host's clock), or at <c>at</c> (an ISO-8601 instant: "are we open on Christmas morning?"),
    /// and when that next changes.
    /// </summary>
    internal static async Task<Results<Ok<TimeConditionStateResponse>, ValidationProblem, ProblemHttpResult>> StateAsync(
        long id, string? at, TimeConditionRepository conditions, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var asked = IsoTime.Parse(at, "at", errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        if (await conditions.GetAsync(id, cancellationToken) is not { } condition)
            return ApiProblems.NotFound("time condition", id);
        var now = asked is { } instant ? new DateTimeOffset(instant, TimeSpan.Zero) : time.GetUtcNow();
        var state = TimeConditionSchedule.Of(condition).StateAt(Instant.FromDateTimeOffset(now));
        return TypedResults.Ok(new TimeConditionStateResponse(id, state.Open, state.Reason, condition.Override, now, state.NextChange?.ToDateTimeOffset()));
    }

    /// <summary>The schedule's own rule validates it (<see cref="TimeConditionSchedule.Parse"/>), so what is stored always evaluates.</summary>
    private static ValidationProblem? Validate(TimeConditionSettings settings)
    {
        var errors = new ValidationErrors();
        errors.Require(settings.Name.Length is >= 1 and <= 100, "name", "is required: 1 to 100 characters.");
        var problems = new List<ScheduleProblem>();
        TimeConditionSchedule.Parse(settings, TimeConditionOverride.None, problems);
        foreach (var problem in problems)
            errors.Add(problem.Field, problem.Reason);
        return errors.IsEmpty ? null : errors.ToProblem();
    }

    private static ProblemHttpResult NameTaken(string name) =>
        ApiProblems.Conflict($"A time condition named '{name}' already exists.", ProblemCodes.TimeConditionExists);

    private static Results<Ok<TimeCondition>, ValidationProblem, ProblemHttpResult> Found(long id, TimeCondition? condition) =>
        condition is null ? ApiProblems.NotFound("time condition", id) : TypedResults.Ok(condition);
}
