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
/// (subscribe first, then fetch, so no change falls between the two).
/// </summary>
public static class LiveApi
{
    public static RouteGroupBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/live").WithTags("Live").RequireAuthorization(Policies.Viewer);
        group.MapGet("/extensions", ExtensionsAsync);
        group.MapGet("/extensions/{number}", ExtensionStatusAsync);
        group.MapGet("/calls", Calls);
        return group;
    }

    /// <summary>Registered extension numbers and each extension's latest call state.</summary>
    internal static async Task<Ok<LiveExtensions>> ExtensionsAsync(ILiveCallStatistics live, LiveCallBoard board, CancellationToken cancellationToken) =>
        TypedResults.Ok(new LiveExtensions(
            await live.ListRegisteredExtensionsAsync(cancellationToken),
            board.ExtensionStates().ToDictionary(e => e.Key, e => e.Kind, StringComparer.Ordinal)));

    /// <summary>One extension's bindings and lockout, from its grain.</summary>
    internal static async Task<Results<Ok<ExtensionStatus>, ProblemHttpResult>> ExtensionStatusAsync(string number, IGrainFactory grains)
    {
        var status = await grains.GetGrain<IExtensionGrain>(number).GetStatusAsync();
        return status.Exists
            ? TypedResults.Ok(status)
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No extension {number}.", ProblemCodes.NotFound);
    }

    /// <summary>The latest event of every call in progress.</summary>
    internal static Ok<IReadOnlyList<LiveEvent>> Calls(LiveCallBoard board) => TypedResults.Ok(board.ActiveCalls());
}
