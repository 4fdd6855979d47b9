using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;
using Orleans;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary><c>/api/v1/extensions</c>: the phones of the PBX. Everyone signed in reads; only admins change.</summary>
public static partial class ExtensionsApi
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int GeneratedPasswordLength = 16;

    public static RouteGroupBuilder MapExtensionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/extensions").WithTags("Extensions");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.SignedIn);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:long}/password", SetPasswordAsync).RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:long}/unlock", UnlockAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Lift the extension's SIP lockout after failed logins (the sources an edge locked out stay so until it expires)");
        group.MapGet("/{id:long}/settings", GetSettingsAsync).RequireAuthorization(Policies.Viewer);
        group.MapPut("/{id:long}/settings", PutSettingsAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/outbound", GetOutboundAsync).RequireAuthorization(Policies.Viewer);
        group.MapPut("/{id:long}/outbound", PutOutboundAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/status", GetStatusAsync).RequireAuthorization(Policies.SignedIn);
        return group;
    }

    /// <summary>
    /// Filters: <c>number</c> (prefix), <c>name</c> (display name contains, case-insensitive). Each extension comes with the
    /// phones registered to it (<see cref="ExtensionDevices"/>).
    /// </summary>
    internal static async Task<Results<Ok<PagedResult<ExtensionResponse>>, ValidationProblem>> ListAsync(
        string? number, string? name, int? page, int? pageSize, ClaimsPrincipal user, ExtensionRepository extensions, ExtensionDevices devices,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        var rows = await extensions.ListAsync(number, name, paging.Offset, paging.PageSize, cancellationToken);
        var items = await devices.WithDevicesAsync(rows.Rows, UserScope.Of(user));
        return TypedResults.Ok(new PagedResult<ExtensionResponse>(items, paging.Page, paging.PageSize, rows.Total));
    }

    internal static async Task<Results<Ok<ExtensionResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal user, ExtensionRepository extensions, ExtensionDevices devices, CancellationToken cancellationToken) =>
        await extensions.GetAsync(id, cancellationToken) is { } extension
            ? TypedResults.Ok((await devices.WithDevicesAsync([extension], UserScope.Of(user)))[0])
            : ApiProblems.NotFound("extension", id);

    internal static async Task<Results<Created<ExtensionCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateExtensionRequest request, ExtensionRepository extensions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Number is not null && NumberPattern().IsMatch(request.Number), "number",
            "is required: 1 to 32 letters, digits, '_', '.', '+' or '-'.");
        ValidateDisplayName(request.DisplayName, errors);
        if (request.Password is not null)
            ValidatePassword(request.Password, errors);
        ValidateMaxContacts(request.MaxContacts, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var generated = request.Password is null ? ExtensionRepository.GeneratePassword(GeneratedPasswordLength) : null;
        var extension = await extensions.CreateAsync(request.Number!, request.DisplayName ?? "", request.Password ?? generated!,
            request.Enabled ?? true, request.MaxContacts ?? 5, cancellationToken);
        if (extension is null)
            return ApiProblems.Conflict($"Extension number '{request.Number}' already exists.");
        await ReloadGrainAsync(grains, extension.Number);
        return TypedResults.Created($"/api/v1/extensions/{extension.Id}", new ExtensionCreated(extension, generated));
    }

    internal static async Task<Results<Ok<Extension>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateExtensionRequest request, ExtensionRepository extensions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidateDisplayName(request.DisplayName, errors);
        ValidateMaxContacts(request.MaxContacts, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        var extension = await extensions.UpdateAsync(id, request.DisplayName, request.MaxContacts, request.Enabled, cancellationToken);
        if (extension is null)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(grains, extension.Number);
        return TypedResults.Ok(extension);
    }

    /// <summary>Refused with 409 while a DID number routes to the extension, so inbound calls never point at nothing.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, ExtensionRepository extensions, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var routedFrom = await extensions.ListDidsRoutedToAsync(id, cancellationToken);
        if (routedFrom.Count > 0)
            return ApiProblems.Conflict($"DID numbers {string.Join(", ", routedFrom)} route to this extension: route them elsewhere first.");
        if (await extensions.DeleteAsync(id, cancellationToken) is not { } deleted)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(grains, deleted);
        return TypedResults.NoContent();
    }

    /// <summary>Stores only HA1 = H(number:realm:password) (RFC 7616 3.4.2), for MD5 and SHA-256; the password is forgotten.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        long id, Users.SetPasswordRequest request, ExtensionRepository extensions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidatePassword(request.Password, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        if (await extensions.SetPasswordAsync(id, request.Password!, cancellationToken) is not { } number)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(grains, number);
        return TypedResults.NoContent();
    }

    /// <summary>Lifts the extension's SIP lockout in its grain; 404 for an unknown id.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> UnlockAsync(
        long id, ExtensionRepository extensions, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await extensions.GetAsync(id, cancellationToken) is not { } extension)
            return ApiProblems.NotFound("extension", id);
        await grains.GetGrain<IExtensionGrain>(extension.Number).UnlockAsync();
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Tells the extension's grain its row changed, so the next registration and call use it (the grain holds the row in
    /// memory). A grain that cannot be told fails the request: the change is stored, but the caller must know it may not
    /// apply until the grain reloads.
    /// </summary>
    private static Task ReloadGrainAsync(IGrainFactory grains, string number) => grains.GetGrain<IExtensionGrain>(number).ReloadAsync();

    private static void ValidateDisplayName(string? displayName, ValidationErrors errors) =>
        errors.Require(displayName is null || displayName.Length <= 100, "displayName", "must be at most 100 characters.");

    private static void ValidatePassword(string? password, ValidationErrors errors) =>
        errors.Require(password is { Length: >= MinPasswordLength and <= MaxPasswordLength }, "password",
            $"must be {MinPasswordLength} to {MaxPasswordLength} characters.");

    private static void ValidateMaxContacts(int? maxContacts, ValidationErrors errors) =>
        errors.Require(maxContacts is null or (>= 1 and <= 100), "maxContacts", "must be between 1 and 100.");

    [GeneratedRegex("^[0-9A-Za-z_.+-]{1,32}$")]
    internal static partial Regex NumberPattern();
}
