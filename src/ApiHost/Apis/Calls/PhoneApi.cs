using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.ApiHost.Problems;
using Pbx.Data.Users;
using Pbx.Grains.Calls;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// <c>/api/v1/me/phone</c>: the signed-in user's own extension and its calls, for the console's phone page. Any role may
/// call from the extension linked to them and act on that extension's calls, since it is their own phone; recording
/// stays with operators. Another extension's call is 403, a call not in progress 404.
/// </summary>
public static class PhoneApi
{
    /// <summary>The actions without a body a user may take on their own call.</summary>
    private static readonly string[] PlainActions = [CallActions.Hangup, CallActions.Hold, CallActions.Resume];

    public static void MapPhoneApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/phone").WithTags("Phone").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", GetAsync);
        group.MapPost($"/{CallActions.Originate}", OriginateAsync);
        foreach (var action in PlainActions)
        {
            var act = CallActionsApi.PlainActions[action];
            group.MapPost($"/calls/{{callId}}/{action}", async Task<Results<NoContent, ProblemHttpResult>> (
                string callId, ClaimsPrincipal user, UserRepository users, LiveCallBoard board, CallControl control, CancellationToken cancellationToken) =>
                ((await OwnCallAsync(callId, user, users, board, cancellationToken)).Problem ?? await control.ActAsync(callId, action, user.Identity?.Name, act))
                    is { } problem ? problem : TypedResults.NoContent());
        }
        group.MapPost($"/calls/{{callId}}/{CallActions.Transfer}", TransferAsync);
        group.MapPost($"/calls/{{callId}}/{CallActions.Dtmf}", DtmfAsync);
        group.MapPost($"/calls/{{callId}}/{CallActions.Deflect}", DeflectAsync);
    }

    internal static async Task<Results<Ok<PhoneStatus>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, UserRepository users, LiveCallBoard board, CancellationToken cancellationToken)
    {
        if (await ExtensionOfAsync(user, users, cancellationToken) is not { } number)
            return TypedResults.Ok(new PhoneStatus(null, null));
        return TypedResults.Ok(new PhoneStatus(number, CallOf(board, number, mayAct: true)));
    }

    /// <summary>Click-to-call from the user's own extension: its phones ring first, then <see cref="OriginateCallRequest.To"/>.</summary>
    internal static async Task<Results<Accepted<OriginatedCall>, ValidationProblem, ProblemHttpResult>> OriginateAsync(
        OriginateCallRequest request, ClaimsPrincipal user, UserRepository users, CallControl control, CancellationToken cancellationToken)
    {
        if (await ExtensionOfAsync(user, users, cancellationToken) is not { } number)
            return NoExtension();
        var errors = new ValidationErrors();
        errors.Require(request.From is null || request.From == number, "from", $"must be your own extension {number}, or left out.");
        await control.RequireDestinationAsync(request.To, "to", errors, cancellationToken);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return CallActionsApi.Accepted(await control.OriginateAsync(number, request.To!, user.Identity?.Name));
    }

    /// <summary>The user leaves their call and the other party is rung through to the target.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> TransferAsync(
        string callId, TransferRequest request, ClaimsPrincipal user, UserRepository users, LiveCallBoard board, CallControl control, CancellationToken cancellationToken)
    {
        var (number, notOwn) = await OwnCallAsync(callId, user, users, board, cancellationToken);
        if (notOwn is not null)
            return notOwn;
        var errors = new ValidationErrors();
        await control.RequireDestinationAsync(request.Target, "target", errors, cancellationToken);
        errors.Require(request.Transferor is null || request.Transferor == number, "transferor", $"must be your own extension {number}, or left out.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await control.ActAsync(callId, CallActions.Transfer, user.Identity?.Name, call => call.TransferAsync(request.Target!, number))
            is { } problem ? problem : TypedResults.NoContent();
    }

    /// <summary>Tones from the user's side of their call, for menus and voicemail at the other end.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DtmfAsync(
        string callId, DtmfRequest request, ClaimsPrincipal user, UserRepository users, LiveCallBoard board, CallControl control, CancellationToken cancellationToken)
    {
        var (number, notOwn) = await OwnCallAsync(callId, user, users, board, cancellationToken);
        if (notOwn is not null)
            return notOwn;
        var errors = new ValidationErrors();
        CallControl.RequireDigits(request.Digits, "digits", errors);
        errors.Require(request.From is null || request.From == number, "from", $"must be your own extension {number}, or left out.");
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await control.ActAsync(callId, CallActions.Dtmf, user.Identity?.Name, call => call.SendDtmfAsync(number!, request.Digits!))
            is { } problem ? problem : TypedResults.NoContent();
    }

    /// <summary>An incoming call the user does not take: ring another number or their voicemail instead.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeflectAsync(
        string callId, DeflectRequest request, ClaimsPrincipal user, UserRepository users, LiveCallBoard board, CallControl control, CancellationToken cancellationToken)
    {
        var (_, notOwn) = await OwnCallAsync(callId, user, users, board, cancellationToken);
        if (notOwn is not null)
            return notOwn;
        var errors = new ValidationErrors();
        await control.RequireDestinationAsync(request.Target, "target", errors, cancellationToken, allowVoicemail: true);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await control.DeflectAsync(callId, request.Target!, user.Identity?.Name)
            is { } problem ? problem : TypedResults.NoContent();
    }

    /// <summary>The user's extension when <paramref name="callId"/> is a call in progress with it on either side; otherwise the problem (409, 404, 403).</summary>
    private static async Task<(string? Number, ProblemHttpResult? Problem)> OwnCallAsync(
        string callId, ClaimsPrincipal user, UserRepository users, LiveCallBoard board, CancellationToken cancellationToken)
    {
        if (await ExtensionOfAsync(user, users, cancellationToken) is not { } number)
            return (null, NoExtension());
        if (board.ActiveCalls().FirstOrDefault(e => e.Key == callId) is not { } e)
            return (number, ApiProblems.NotFound("call in progress", callId));
        var call = CallActionsApi.ToActiveCall(e, mayAct: false);
        return call.Caller == number || call.Callee == number
            ? (number, null)
            : (number, ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", $"Call {callId} is not a call of extension {number}.",
                ProblemCodes.CallNotOfExtension));
    }

    private static ProblemHttpResult NoExtension() => ApiProblems.Conflict("No extension is linked to this user.");

    // The token carries only the user's id: the link to an extension is read per request, so an admin's change applies at once.
    private static async Task<string?> ExtensionOfAsync(ClaimsPrincipal user, UserRepository users, CancellationToken cancellationToken) =>
        TokenIssuer.UserId(user) is { } id ? (await users.GetAsync(id, cancellationToken))?.ExtensionNumber : null;

    /// <summary>The extension's latest call in progress, as caller or callee, with the actions its user may take on it.</summary>
    private static ActiveCall? CallOf(LiveCallBoard board, string number, bool mayAct) =>
        board.ActiveCalls().Select(e => CallActionsApi.ToActiveCall(e, mayAct)).LastOrDefault(c => c.Caller == number || c.Callee == number) is { } call
            ? call with { Actions = [.. call.Actions.Where(a => a is not (CallActions.StartRecording or CallActions.StopRecording) && (a != CallActions.Deflect || call.Callee == number))] }
            : null;
}
