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
            .WithDescription("Rate-limited per client address (429 with Retry-After). Failed sign-ins of an account from one address, and from one address across accounts, earn that pair or address a doubling wait: 429 with Retry-After and code auth.too_many_attempts, whether or not the account exists.");
        group.MapPost("/refresh", RefreshAsync).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Exchange a still-valid bearer token for a fresh one")
            .WithDescription("Send the current token in the Authorization header before it expires. 401 once the user is deleted or signed out, or their password, role or extension changed.");
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Sign out everywhere")
            .WithDescription("Ends every session of the signed-in user: this token and every other issued before stop working at once.");
        group.MapDashboardSession();
        return group;
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, LoginService login, TokenIssuer tokens, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Username), "username", "is required.");
        errors.Require(!string.IsNullOrEmpty(request.Password), "password", "is required.");
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var result = await login.LoginAsync(request.Username!, request.Password!, http.Connection.RemoteIpAddress, cancellationToken);
        switch (result.Outcome)
        {
            case LoginOutcome.Success:
                return TypedResults.Ok(tokens.Issue(result.User!));
            case LoginOutcome.BackingOff:
                // An unknown user name earns the same waits as an account (LoginThrottle), so a 429 does not confirm that it exists.
                var seconds = (int)Math.Ceiling(result.RetryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many attempts",
                    $"Too many failed sign-ins. Retry after {seconds} s.", ProblemCodes.TooManyAttempts);
            default:
                return ApiProblems.Unauthorized("Wrong username or password.", ProblemCodes.InvalidCredentials);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(ClaimsPrincipal principal, UserRepository users, CancellationToken cancellationToken) =>
        TokenIssuer.UserId(principal) is { } id && await users.EndSessionsAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Unauthorized("The user no longer exists.", ProblemCodes.SessionEnded);

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        ClaimsPrincipal principal, UserRepository users, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        var user = TokenIssuer.UserId(principal) is { } id ? await users.GetAsync(id, cancellationToken) : null;
        if (user is null)
            return ApiProblems.Unauthorized("The user no longer exists.", ProblemCodes.SessionEnded);
        return TypedResults.Ok(tokens.Issue(user));
    }
}
