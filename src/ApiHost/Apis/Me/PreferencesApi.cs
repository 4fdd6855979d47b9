using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Apis.Me;

/// <summary>
/// <c>/api/v1/me/preferences</c>: what the signed-in user chose for the console, stored with the user so it follows them
/// to any browser. Any role reads and changes its own.
/// </summary>
public static class PreferencesApi
{
    public static RouteGroupBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/preferences").WithTags("Me").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutAsync);
        return group;
    }

    internal static async Task<Results<Ok<UserPreferences>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal principal, UserRepository users, CancellationToken cancellationToken) =>
        TokenIssuer.UserId(principal) is { } id && await users.GetAsync(id, cancellationToken) is { } user
            ? TypedResults.Ok(new UserPreferences(user.Language))
            : Gone();

    internal static async Task<Results<Ok<UserPreferences>, ValidationProblem, ProblemHttpResult>> PutAsync(
        UserPreferences request, ClaimsPrincipal principal, UserRepository users, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Language is not null, "language", $"is required: one of {string.Join(", ", UserRepository.Languages)}.");
        errors.Require(request.Language is null || UserRepository.Languages.Contains(request.Language), "language",
            $"must be one of {string.Join(", ", UserRepository.Languages)}.", ProblemCodes.LanguageUnsupported);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return TokenIssuer.UserId(principal) is { } id && await users.SetLanguageAsync(id, request.Language!, cancellationToken) is { } user
            ? TypedResults.Ok(new UserPreferences(user.Language))
            : Gone();
    }

    private static ProblemHttpResult Gone() => ApiProblems.Unauthorized("The user no longer exists.", ProblemCodes.SessionEnded);
}
