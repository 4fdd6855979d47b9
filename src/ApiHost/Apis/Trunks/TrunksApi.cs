using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orleans;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Pbx.Data;
using Pbx.Data.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary>
/// <c>/api/v1/trunks</c>: carrier SIP trunks and their live status. Everyone signed in reads; only admins change. PATCH
/// and PUT both change only the fields the body names (a JSON merge patch, RFC 7396: a field set to null goes back to its
/// default), so a client that sends part of a trunk never resets the rest.
/// </summary>
public static class TrunksApi
{
    public static RouteGroupBuilder MapTrunksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/trunks").WithTags("Trunks");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id}/status", StatusAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).AddEndpointFilter(ForgetTrunkSources);
        group.MapPatch("/{id}", UpdateAsync).RequireAuthorization(Policies.Admin).AddEndpointFilter(ForgetTrunkSources)
            .WithSummary("Change the fields the body names (JSON merge patch, RFC 7396); the others keep their values");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Admin).AddEndpointFilter(ForgetTrunkSources)
            .WithSummary("Same as PATCH: the fields given change, those not given keep their values");
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin).AddEndpointFilter(ForgetTrunkSources);
        group.MapPost("/{id}/test", TestAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("OPTIONS from an edge to the trunk's carrier: its answer and how long it took");
        return group;
    }

    /// <summary>A trunk test (<see cref="ITrunkTestGrain"/>); 404 for a trunk that is unknown or disabled.</summary>
    internal static async Task<Results<Ok<TrunkTestResponse>, ProblemHttpResult>> TestAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<ITrunkTestGrain>(0).TestAsync(id) is { } result
            ? TypedResults.Ok(new TrunkTestResponse(result.Status is not null, result.Status, result.Reason, result.RoundTripMs))
            : ApiProblems.NotFound("enabled trunk", id);

    /// <summary>After a change, the edge in this process reads the trunks' sources again for the next INVITE.</summary>
    private static async ValueTask<object?> ForgetTrunkSources(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        context.HttpContext.RequestServices.GetService<ITrunkDirectory>()?.Invalidate();
        return result;
    }

    internal static async Task<Ok<IReadOnlyList<Trunk>>> ListAsync(TrunkRepository trunks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trunks.ListAsync(cancellationToken));

    internal static async Task<Results<Ok<Trunk>, ProblemHttpResult>> GetAsync(string id, TrunkRepository trunks, CancellationToken cancellationToken) =>
        await trunks.GetAsync(id, cancellationToken) is { } trunk ? TypedResults.Ok(trunk) : ApiProblems.NotFound("trunk", id);

    /// <summary>The trunk's registration as its row and its grain tell it together (<see cref="TrunkStatusResponse.Of"/>).</summary>
    internal static async Task<Results<Ok<TrunkStatusResponse>, ProblemHttpResult>> StatusAsync(
        string id, TrunkRepository trunks, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await trunks.GetAsync(id, cancellationToken) is not { } trunk)
            return ApiProblems.NotFound("trunk", id);
        return TypedResults.Ok(TrunkStatusResponse.Of(trunk, await grains.GetGrain<ITrunkGrain>(id).GetStatusAsync()));
    }

    internal static async Task<Results<Created<Trunk>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TrunkRequest request, TrunkRepository trunks, TrunkPasswordProtector passwords, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        TrunkValidation.Validate(request, request.Id, isNew: true, passwordStored: false, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        var trunk = await trunks.CreateAsync(TrunkChanges.From(request.Id!, request, storedProtected: null, passwords), cancellationToken);
        if (trunk is null)
            return ApiProblems.Conflict($"Trunk '{request.Id}' already exists.", ProblemCodes.TrunkExists);
        await TellGrainAsync(grains, trunk);
        return TypedResults.Created($"/api/v1/trunks/{trunk.Id}", trunk);
    }

    /// <summary>
    /// PATCH and PUT: the stored trunk with the body's fields over it, validated as a whole. The trunk's grain is told at
    /// once, so its status shows the new settings registering instead of the old binding's expiry.
    /// </summary>
    internal static async Task<Results<Ok<Trunk>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, JsonObject changes, TrunkRepository trunks, TrunkPasswordProtector passwords, IGrainFactory grains, IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (await trunks.GetAsync(id, cancellationToken) is not { } stored)
            return ApiProblems.NotFound("trunk", id);
        var errors = new ValidationErrors();
        if (TrunkPatch.Apply(stored, changes, json.Value.SerializerOptions, errors) is not { } request)
            return errors.ToProblem();
        errors.Require(request.Id is null || request.Id == id, "id", "cannot change: create a trunk under the new id and delete this one.");
        TrunkValidation.Validate(request, id, isNew: false, passwordStored: stored.HasPassword, errors);
        var storedProtected = request.Password is null ? await trunks.FindProtectedPasswordAsync(id, cancellationToken) : null;
        // Only the HA1 is kept: it cannot follow a new username or realm without the password.
        errors.Require(request.Password is not null || storedProtected is not null || !stored.HasPassword
            || (request.Username == stored.Username && request.Realm == stored.Realm), "password",
            "is required again: only its HA1 is stored, computed for the old username and realm.", ProblemCodes.TrunkPasswordRequired);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        try
        {
            var trunk = await trunks.UpdateAsync(TrunkChanges.From(id, request, storedProtected, passwords), cancellationToken);
            if (trunk is null)
                return ApiProblems.NotFound("trunk", id);
            await TellGrainAsync(grains, trunk);
            return TypedResults.Ok(trunk);
        }
        catch (RowConflictException e) when (e.Conflict == RowConflict.CheckFailed)
        {
            // The table's check (a registering trunk needs a stored secret) caught what a concurrent change let through.
            errors.Add("password", "is required for a trunk that registers.", ProblemCodes.TrunkPasswordRequired);
            return errors.ToProblem();
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, TrunkRepository trunks, CancellationToken cancellationToken) =>
        await trunks.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("trunk", id);

    private static Task TellGrainAsync(IGrainFactory grains, Trunk trunk) =>
        grains.GetGrain<ITrunkGrain>(trunk.Id).ReconfiguredAsync(new DateTimeOffset(DateTime.SpecifyKind(trunk.UpdatedAt, DateTimeKind.Utc)),
            trunk.Enabled && trunk.Register);
}
