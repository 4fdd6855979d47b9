using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data.Extensions;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Apis.Users;

/// <summary><c>/api/v1/users</c>: API accounts, for admins only.</summary>
public static partial class UsersApi
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;

    private const string LastAdmin = "This is the last admin: make another user admin first.";

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapPost("/{id:long}/password", SetPasswordAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        return group;
    }

    internal static async Task<Results<Ok<PagedResult<ApiUser>>, ValidationProblem>> ListAsync(int? page, int? pageSize, UserRepository users, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        return errors.IsEmpty ? TypedResults.Ok(PagedResult.Of(await users.ListAsync(paging.Offset, paging.PageSize, cancellationToken), paging)) : errors.ToProblem();
    }

    internal static async Task<Results<Ok<ApiUser>, ProblemHttpResult>> GetAsync(long id, UserRepository users, CancellationToken cancellationToken) =>
        await users.GetAsync(id, cancellationToken) is { } user ? TypedResults.Ok(user) : ApiProblems.NotFound("user", id);

    internal static async Task<Results<Created<ApiUser>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, UserRepository users, ExtensionRepository extensions, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Username is not null && UsernamePattern().IsMatch(request.Username), "username",
            "is required: 1 to 64 letters, digits, '.', '_', '-' or '@'.");
        ValidatePassword(request.Password, errors);
        ValidateRole(request.Role, errors);
        await ValidateExtensionAsync(request.ExtensionNumber, extensions, errors, cancellationToken);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var user = await users.CreateAsync(request.Username!, request.Password!, request.Role!, request.ExtensionNumber, cancellationToken);
        return user is null
            ? ApiProblems.Conflict($"The username '{request.Username}' is taken.", ProblemCodes.UserExists)
            : TypedResults.Created($"/api/v1/users/{user.Id}", user);
    }

    internal static async Task<Results<Ok<ApiUser>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateUserRequest request, UserRepository users, ExtensionRepository extensions, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidateRole(request.Role, errors);
        await ValidateExtensionAsync(request.ExtensionNumber, extensions, errors, cancellationToken);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        if (await users.GetAsync(id, cancellationToken) is null)
            return ApiProblems.NotFound("user", id);
        return await users.UpdateAsync(id, request.Role!, request.ExtensionNumber, cancellationToken) is { } user
            ? TypedResults.Ok(user)
            : ApiProblems.Conflict(LastAdmin, ProblemCodes.UserLastAdmin);
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        long id, SetPasswordRequest request, UserRepository users, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidatePassword(request.Password, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        return await users.SetPasswordAsync(id, request.Password!, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("user", id);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, UserRepository users, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(id, cancellationToken) is null)
            return ApiProblems.NotFound("user", id);
        return await users.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.Conflict(LastAdmin, ProblemCodes.UserLastAdmin);
    }

    private static void ValidatePassword(string? password, ValidationErrors errors) =>
        errors.Require(password is { Length: >= MinPasswordLength and <= MaxPasswordLength }, "password",
            $"is required: {MinPasswordLength} to {MaxPasswordLength} characters.");

    private static void ValidateRole(string? role, ValidationErrors errors) =>
        errors.Require(role is not null && Roles.All.Contains(role), "role", $"must be one of {string.Join(", ", Roles.All)}.");

    private static async Task ValidateExtensionAsync(string? number, ExtensionRepository extensions, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (number is not null)
            errors.Require(await extensions.ExistsAsync(number, cancellationToken), "extensionNumber", $"no extension '{number}' exists.");
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UsernamePattern();
}
