using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Dashboard;
using Pbx.ApiHost.Problems;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// <c>POST /api/v1/auth/login</c> exchanges a username and password for a bearer token.
/// <c>POST /api/v1/auth/refresh</c>, called with a still-valid token, returns a fresh one with a new expiry; it fails
/// with 401 once the session has ended (<see cref="SessionRule"/>), so clients refresh before expiry.
/// <c>POST /api/v1/auth/logout</c> ends every session of the user.
/// </summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.PolicyName)
            .WithSummary("Exchange a username and password for a bearer token")
            .WithDescription("Rate-limited per client address (429 with Retry-After); repeated wrong passwords lock the account for a while.");
        group.MapPost("/refresh", RefreshAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("Exchange a still-valid bearer token for a fresh one")
            .WithDescription("Send the current token in the Authorization header before it expires. 401 once the user is deleted or signed out, or their password, role or extension changed.");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("Sign out everywhere")
            .WithDescription("Ends every session of the signed-in user: this token and every other issued before stop working at once.");
        group.MapDashboardSession();
        return group;
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, LoginService login, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Username), "username", "is required.");
        errors.Require(!string.IsNullOrEmpty(request.Password), "password", "is required.");
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var (outcome, user) = await login.LoginAsync(request.Username!, request.Password!, cancellationToken);
        // A locked account answers like a wrong password, so the response does not confirm that the username exists.
        return outcome == LoginOutcome.Success
            ? TypedResults.Ok(tokens.Issue(user!))
            : ApiProblems.Unauthorized("Wrong username or password, or the account is temporarily locked.", ProblemCodes.InvalidCredentials);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(ClaimsPrincipal principal, UserRepository users, CancellationToken cancellationToken) =>
        TokenIssuer.UserId(principal) is { } id && await users.EndSessionsAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Unauthorized("The user no longer exists.", ProblemCodes.SessionEnded);

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        ClaimsPrincipal principal, UserRepository users, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = TokenIssuer.UserId(principal) is { } id ? await users.GetAsync(id, cancellationToken) : null;
        if (user is null || user.LockedUntil > clock.GetUtcNow().UtcDateTime)
            return ApiProblems.Unauthorized("The user no longer exists or is locked.", ProblemCodes.SessionEnded);
        return TypedResults.Ok(tokens.Issue(user));
    }
}
