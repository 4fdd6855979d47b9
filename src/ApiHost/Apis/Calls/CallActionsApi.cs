using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.ApiHost.Problems;
using Pbx.Grains.Calls;
using Pbx.Grains.Live;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// <c>/api/v1/calls/active</c>: calls in progress; <c>/api/v1/calls/{id}/...</c>: actions on them (operators and
/// admins); <c>POST /api/v1/calls</c>: click-to-call. Each action is the call grain's; <see cref="CallControl"/> maps its outcome.
/// </summary>
public static class CallActionsApi
{
    /// <summary>The actions without a body, by route name.</summary>
    internal static readonly IReadOnlyDictionary<string, Func<ICallGrain, Task<CallActionResult>>> PlainActions =
        new Dictionary<string, Func<ICallGrain, Task<CallActionResult>>>(StringComparer.Ordinal)
        {
            [CallActions.Hangup] = call => call.HangupAsync(),
            [CallActions.Hold] = call => call.HoldAsync(),
            [CallActions.Resume] = call => call.ResumeAsync(),
            [CallActions.StartRecording] = call => call.StartRecordingAsync(),
            [CallActions.StopRecording] = call => call.StopRecordingAsync(),
        };

    public static void MapCallActionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/calls/active", Active).WithTags("Calls").RequireAuthorization(Policies.SignedIn);

        var group = app.MapGroup("/api/v1/calls").WithTags("Calls").RequireAuthorization(Policies.Operator);
        foreach (var (action, act) in PlainActions)
        {
            MapAction(group, action, async Task<Results<NoContent, ProblemHttpResult>> (string id, CallControl control, ClaimsPrincipal user) =>
                await control.ActAsync(id, action, user.Identity?.Name, act) is { } problem ? problem : TypedResults.NoContent());
        }
        MapAction(group, CallActions.Transfer, TransferAsync);
        MapAction(group, CallActions.Dtmf, DtmfAsync);
        MapAction(group, CallActions.Deflect, DeflectAsync);
        group.MapPost("", OriginateAsync);
        group.MapPost($"/{CallActions.Originate}", OriginateAsync).WithSummary("Alias of POST /api/v1/calls");
    }

    /// <summary>
    /// Serves <paramref name="action"/> at <c>/api/v1/calls/{id}/</c> + its path (<see cref="CallActions.PathOf"/>) and,
    /// with the very same handler, at the older <c>/api/v1/calls/active/{id}/</c> + its name, which scripts and the
    /// console already call.
    /// </summary>
    private static void MapAction(RouteGroupBuilder group, string action, Delegate handler)
    {
        var path = CallActions.PathOf(action);
        group.MapPost($"/{{id}}/{path}", handler);
        group.MapPost($"/active/{{id}}/{action}", handler).WithSummary($"Alias of POST /api/v1/calls/{{id}}/{path}");
    }

    /// <summary>
    /// Calls in progress from the live board that the signed-in user may see (a phone user: its own extension's), each
    /// with the actions the user may take on it now (none for viewers and phone users, none on a node without the call engine).
    /// </summary>
    internal static Ok<IReadOnlyList<ActiveCall>> Active(LiveCallBoard board, ClaimsPrincipal user, CallControl control)
    {
        var mayAct = UserScope.MayAct(user);
        return TypedResults.Ok<IReadOnlyList<ActiveCall>>([.. board.ActiveCalls(UserScope.Of(user)).Select(e => ToActiveCall(e, mayAct))]);
    }

    /// <summary>A call's latest live event as the API shows it, offering the actions that apply only when <paramref name="mayAct"/>.</summary>
    internal static ActiveCall ToActiveCall(LiveEvent e, bool mayAct)
    {
        // The grain's events carry its phase and flags in the data; an event without them (an older publisher) is read by its kind.
        var held = Flag(e.Data, "held") ?? e.Kind == "held";
        var recording = Flag(e.Data, "recording") ?? e.Kind == "recording-started";
        var ringing = (Text(e.Data, "state") ?? e.Kind) == "ringing";
        return new ActiveCall(
            e.Key, e.Kind, Text(e.Data, "caller"), Text(e.Data, "callee"), Time(e.Data, "startedAt"), Time(e.Data, "answeredAt"),
            mayAct ? ActionsFor(ringing, held, recording) : [], held, recording);
    }

    /// <summary>What applies in each state: a ringing call can only be deflected; a held one resumed (or ended); an answered one the rest.</summary>
    internal static IReadOnlyList<string> ActionsFor(bool ringing, bool held, bool recording) =>
        ringing ? [CallActions.Deflect]
        : held ? [CallActions.Hangup, CallActions.Resume]
        : [CallActions.Hangup, CallActions.Hold, CallActions.Transfer, recording ? CallActions.StopRecording : CallActions.StartRecording, CallActions.Dtmf];

    /// <summary>Blind transfer: the transferor (default the callee) leaves, the other party is rung through to the target.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> TransferAsync(
        string id, TransferRequest request, CallControl control, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        await control.RequireDestinationAsync(request.Target, "target", errors, cancellationToken);
        errors.Require(request.Transferor is null || request.Transferor.Length > 0, "transferor", "must be the caller's or the callee's number when given.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await control.ActAsync(id, CallActions.Transfer, user.Identity?.Name, call => call.TransferAsync(request.Target!, request.Transferor)) is { } problem ? problem : TypedResults.NoContent();
    }

    /// <summary>DTMF tones from one party's side (default the caller, as the board knows the call) toward the other.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DtmfAsync(
        string id, DtmfRequest request, CallControl control, LiveCallBoard board, ClaimsPrincipal user)
    {
        var errors = new ValidationErrors();
        CallControl.RequireDigits(request.Digits, "digits", errors);
        var known = board.ActiveCalls().FirstOrDefault(e => e.Key == id) is { } e ? ToActiveCall(e, mayAct: false) : null;
        errors.Require(request.From is null || known is null || request.From == known.Caller || request.From == known.Callee,
            "from", "must be the caller's or the callee's number.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        if ((request.From ?? known?.Caller) is not { } from)
            return ApiProblems.NotFound("call in progress", id);
        return await control.ActAsync(id, CallActions.Dtmf, user.Identity?.Name, call => call.SendDtmfAsync(from, request.Digits!)) is { } problem ? problem : TypedResults.NoContent();
    }

    /// <summary>While the call rings: ring the target instead (an extension, an outside number, or the callee's voicemail).</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeflectAsync(
        string id, DeflectRequest request, CallControl control, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        await control.RequireDestinationAsync(request.Target, "target", errors, cancellationToken, allowVoicemail: true);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await control.DeflectAsync(id, request.Target!, user.Identity?.Name) is { } problem ? problem : TypedResults.NoContent();
    }

    /// <summary>Click-to-call: 202 with the new call's id; the call's progress follows on the live <c>call</c> topic.</summary>
    internal static async Task<Results<Accepted<OriginatedCall>, ValidationProblem, ProblemHttpResult>> OriginateAsync(
        OriginateCallRequest request, CallControl control, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        await control.RequireExtensionAsync(request.From, "from", errors, cancellationToken);
        await control.RequireDestinationAsync(request.To, "to", errors, cancellationToken);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return Accepted(await control.OriginateAsync(request.From!, request.To!, user.Identity?.Name));
    }

    /// <summary>202 pointing at the new call, else the problem.</summary>
    internal static Results<Accepted<OriginatedCall>, ValidationProblem, ProblemHttpResult> Accepted((string CallId, ProblemHttpResult? Problem) outcome) =>
        outcome.Problem is { } problem ? problem
            : TypedResults.Accepted($"/api/v1/calls/active/{Uri.EscapeDataString(outcome.CallId)}", new OriginatedCall(outcome.CallId));

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Flag(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean() : null;

    private static DateTimeOffset? Time(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.TryGetDateTimeOffset(out var time) ? time : null;
}
