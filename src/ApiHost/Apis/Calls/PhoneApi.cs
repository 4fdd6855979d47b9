using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Apis.Users;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Hubs;
using Pbx.ApiHost.Problems;
using Pbx.Grains.Runtime;

namespace Pbx.ApiHost.Apis.Calls;

/// <summary>
/// <c>/api/v1/me/phone</c>: the signed-in user's own extension and its call, for the console's phone page. Any role may
/// act on the call of the extension linked to them, since it is their own phone.
/// </summary>
public static class PhoneApi
{
    public static void MapPhoneApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/phone").WithTags("Phone").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", GetAsync);
        group.MapPost("/hangup", HangupAsync);
    }

    internal static async Task<Results<Ok<PhoneStatus>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, UserRepository users, LiveCallBoard board, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await ExtensionOfAsync(user, users, cancellationToken) is not { } number)
            return TypedResults.Ok(new PhoneStatus(null, null));
        return TypedResults.Ok(new PhoneStatus(number, CallOf(board, number, mayAct: services.GetService<IGrainFactory>() is not null)));
    }

    /// <summary>Hangs up the user's extension's answered call: 409 without a linked extension, 404 without a call.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> HangupAsync(
        ClaimsPrincipal user, UserRepository users, LiveCallBoard board, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await ExtensionOfAsync(user, users, cancellationToken) is not { } number)
            return ApiProblems.Conflict("No extension is linked to this user.");
        return CallOf(board, number, mayAct: false) is { } call
            ? await CallActionsApi.HangupAsync(call.CallId, services)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Extension {number} has no call in progress.");
    }

    // The token carries only the user's id: the link to an extension is read per request, so an admin's change applies at once.
    private static async Task<string?> ExtensionOfAsync(ClaimsPrincipal user, UserRepository users, CancellationToken cancellationToken) =>
        TokenIssuer.UserId(user) is { } id ? (await users.GetAsync(id, cancellationToken))?.ExtensionNumber : null;

    /// <summary>The extension's latest call in progress, as caller or callee.</summary>
    private static ActiveCall? CallOf(LiveCallBoard board, string number, bool mayAct) =>
        board.ActiveCalls().Select(e => CallActionsApi.ToActiveCall(e, mayAct)).LastOrDefault(c => c.Caller == number || c.Callee == number);
}
