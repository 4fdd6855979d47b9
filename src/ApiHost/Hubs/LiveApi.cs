using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Apis.Stats;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Pbx.Grains.Extensions;
using Pbx.Grains.Live;
using Orleans;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// <c>/api/v1/live</c>: the current picture a live page draws before <see cref="LiveHub"/> events update it
/// (subscribe first, then fetch, so no change falls between the two). A phone user's picture is its own extension's, as its
/// live events are (<see cref="UserScope"/>); another extension's status is a 404.
/// </summary>
public static class LiveApi
{
    public static RouteGroupBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/live").WithTags("Live").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/extensions", ExtensionsAsync);
        group.MapGet("/extensions/{number}", ExtensionStatusAsync);
        group.MapGet("/calls", Calls);
        return group;
    }

    /// <summary>Registered extension numbers and each extension's latest call state.</summary>
    internal static async Task<Ok<LiveExtensions>> ExtensionsAsync(
        ClaimsPrincipal user, ILiveCallStatistics live, LiveCallBoard board, CancellationToken cancellationToken)
    {
        var scope = UserScope.Of(user);
        return TypedResults.Ok(new LiveExtensions(
            [.. (await live.ListRegisteredExtensionsAsync(cancellationToken)).Where(scope.Covers)],
            board.ExtensionStates().Where(e => scope.Covers(e.Key)).ToDictionary(e => e.Key, e => e.Kind, StringComparer.Ordinal)));
    }

    /// <summary>One extension's bindings and lockout, from its grain.</summary>
    internal static async Task<Results<Ok<ExtensionStatus>, ProblemHttpResult>> ExtensionStatusAsync(string number, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!UserScope.Of(user).Covers(number))
            return NoExtension(number);
        var status = await grains.GetGrain<IExtensionGrain>(number).GetStatusAsync();
        return status.Exists
            ? TypedResults.Ok(status)
            : NoExtension(number);
    }

    /// <summary>The latest event of every call in progress the user may see.</summary>
    internal static Ok<IReadOnlyList<LiveEvent>> Calls(ClaimsPrincipal user, LiveCallBoard board) => TypedResults.Ok(board.ActiveCalls(UserScope.Of(user)));

    private static ProblemHttpResult NoExtension(string number) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No extension {number}.", ProblemCodes.NotFound);
}
