using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pbx.ApiHost.Apis.Prompts;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Pbx.Data;
using Pbx.Data.DidNumbers;
using Pbx.Data.IvrMenus;
using Pbx.Data.TimeConditions;
using Pbx.Grains.Menus;

namespace Pbx.ApiHost.Apis.IvrMenus;

/// <summary>
/// <c>/api/v1/ivr-menus</c>: IVR menus (auto-attendants). Written through the repository; the menu's grain is told of
/// every change, so the next caller meets the new menu (a change that cannot reach it fails the request).
/// </summary>
public static partial class IvrMenusApi
{
    public static RouteGroupBuilder MapIvrMenusApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ivr-menus").WithTags("IVR menus");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapPost("/{id}/greeting", UploadGreetingAsync).RequireAuthorization(Policies.Admin)
            // Tokens, not cookies, authenticate the API: no cross-site form can post on a user's behalf.
            .DisableAntiforgery()
            .WithMetadata(new UploadSizeLimit(app.ServiceProvider.GetRequiredService<IOptions<PromptOptions>>().Value.PromptMaxUploadBytes));
        return group;
    }

    internal static async Task<Ok<IReadOnlyList<IvrMenu>>> ListAsync(IvrMenuRepository menus, CancellationToken cancellationToken) =>
        TypedResults.Ok(await menus.ListAsync(cancellationToken));

    internal static async Task<Results<Ok<IvrMenu>, ProblemHttpResult>> GetAsync(string id, IvrMenuRepository menus, CancellationToken cancellationToken) =>
        await menus.GetAsync(id, cancellationToken) is { } menu ? TypedResults.Ok(menu) : ApiProblems.NotFound("IVR menu", id);

    internal static async Task<Results<Created<IvrMenu>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        IvrMenuRequest request, IvrMenuRepository menus, TimeConditionRepository conditions, DidNumberRepository numbers, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await ValidateAsync(request.Id, request, menus, conditions, numbers, cancellationToken) is { IsEmpty: false } errors)
            return errors.ToProblem();
        try
        {
            var menu = await menus.CreateAsync(IvrMenuRules.ToMenu(request.Id!, request), cancellationToken);
            await grains.GetGrain<IIvrMenuGrain>(menu.Id).ForgetAsync();
            return TypedResults.Created($"/api/v1/ivr-menus/{menu.Id}", menu);
        }
        catch (RowConflictException e) when (e.Conflict == RowConflict.Duplicate)
        {
            return ApiProblems.Conflict($"A menu with id '{request.Id}' or number '{request.Number}' exists already.");
        }
    }

    internal static async Task<Results<Ok<IvrMenu>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, IvrMenuRequest request, IvrMenuRepository menus, TimeConditionRepository conditions, DidNumberRepository numbers, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await ValidateAsync(id, request, menus, conditions, numbers, cancellationToken) is { IsEmpty: false } errors)
            return errors.ToProblem();
        try
        {
            if (await menus.UpdateAsync(IvrMenuRules.ToMenu(id, request), cancellationToken) is not { } menu)
                return ApiProblems.NotFound("IVR menu", id);
            await grains.GetGrain<IIvrMenuGrain>(id).ForgetAsync();
            return TypedResults.Ok(menu);
        }
        catch (RowConflictException e) when (e.Conflict == RowConflict.Duplicate)
        {
            return ApiProblems.Conflict($"Another menu has number '{request.Number}'.");
        }
    }

    /// <summary>Deletes a menu nothing sends callers to (409 naming the DIDs and menus that do).</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, IvrMenuRepository menus, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await menus.ListRoutingToAsync(id, cancellationToken) is { Count: > 0 } routing)
            return ApiProblems.Conflict($"{string.Join(", ", routing)} send callers to this menu: route them elsewhere first.");
        if (!await menus.DeleteAsync(id, cancellationToken))
            return ApiProblems.NotFound("IVR menu", id);
        await grains.GetGrain<IIvrMenuGrain>(id).ForgetAsync();
        return TypedResults.NoContent();
    }

    /// <summary>The request's own checks, then that every menu it sends callers to (itself included) and its time condition exist.</summary>
    private static async Task<ValidationErrors> ValidateAsync(string? id, IvrMenuRequest request, IvrMenuRepository menus,
        TimeConditionRepository conditions, DidNumberRepository numbers, CancellationToken cancellationToken)
    {
        var errors = IvrMenuRules.Check(id, request);
        // An extension with the menu's number would always win: the menu could never be reached by it.
        if (request.Number is { } number && await numbers.DestinationExistsAsync("extension", number, cancellationToken) == true)
            errors.Add("number", $"{number} is an extension's number.");
        if (request.TimeConditionId is { } condition && await conditions.GetAsync(condition, cancellationToken) is null)
            errors.Add("timeConditionId", $"time condition {condition} does not exist.");
        foreach (var (field, menuId) in IvrMenuRules.MenusNamed(request))
        {
            if (menuId != id && await menus.GetAsync(menuId, cancellationToken) is null)
                errors.Add(field, $"menu '{menuId}' does not exist.");
        }
        return errors;
    }
}
