using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.ApiHost.Problems;
using Pbx.Grains.Calls;
using Pbx.Grains.Live;
using Pbx.Grains.Runtime;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// <c>/api/v1/calls/active</c>: calls in progress and actions on them (operators and admins). Each action is the call
/// grain's; one the grain cannot carry out yet answers 501 rather than pretending.
/// </summary>
public static class CallActionsApi
{
    /// <summary>The actions the call grain carries out today, offered on answered calls.</summary>
    private static readonly string[] AnsweredCallActions = [CallActions.Hangup];

    public static void MapCallActionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/calls/active", Active).WithTags("Calls").RequireAuthorization(Policies.Viewer);

        var group = app.MapGroup("/api/v1/calls").WithTags("Calls").RequireAuthorization(Policies.Operator);
        group.MapPost("/active/{callId}/hangup", HangupAsync);
        foreach (var action in new[] { CallActions.Hold, CallActions.Resume, CallActions.Transfer, CallActions.StartRecording, CallActions.StopRecording })
            group.MapPost($"/active/{{callId}}/{action}", () => NotAvailableYet(action));
        group.MapPost("/originate", () => NotAvailableYet(CallActions.Originate));
    }

    /// <summary>
    /// Calls in progress from the live board, each with the actions the signed-in user may take on it now (none for a
    /// viewer, none on a node without the call engine).
    /// </summary>
    internal static Ok<IReadOnlyList<ActiveCall>> Active(LiveCallBoard board, ClaimsPrincipal user, IServiceProvider services)
    {
        var mayAct = services.GetService<IGrainFactory>() is not null && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Operator));
        return TypedResults.Ok<IReadOnlyList<ActiveCall>>([.. board.ActiveCalls().Select(e => ToActiveCall(e, mayAct))]);
    }

    /// <summary>A call's latest live event as the API shows it, offering the actions only when <paramref name="mayAct"/>.</summary>
    internal static ActiveCall ToActiveCall(LiveEvent e, bool mayAct) => new(
        e.Key, e.Kind, Text(e.Data, "caller"), Text(e.Data, "callee"), Time(e.Data, "startedAt"), Time(e.Data, "answeredAt"),
        mayAct && e.Kind == "answered" ? AnsweredCallActions : [],
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("recording", out var recording) && recording.ValueKind == JsonValueKind.True);

    /// <summary>BYE to both phones of an answered call; 409 while it is still ringing.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> HangupAsync(string callId, IServiceProvider services)
    {
        if (services.GetService<IGrainFactory>() is not { } grains)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Call control is not available on this node.");
        return await grains.GetGrain<ICallGrain>(callId).HangupAsync() switch
        {
            CallActionResult.Done => TypedResults.NoContent(),
            CallActionResult.NoSuchCall => ApiProblems.NotFound("call in progress", callId),
            _ => ApiProblems.Conflict($"Call {callId} cannot be hung up in its current state (it is not answered)."),
        };
    }

    private static ProblemHttpResult NotAvailableYet(string action) =>
        TypedResults.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "Not available yet",
            detail: $"The call engine cannot {action} calls yet.");

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.TryGetDateTimeOffset(out var time) ? time : null;
}
