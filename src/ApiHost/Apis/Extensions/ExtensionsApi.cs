using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Paging;
using Pbx.ApiHost.Problems;
using Pbx.Grains.Extensions;
using Orleans;

namespace Pbx.ApiHost.Apis.Extensions;

/// <summary><c>/api/v1/extensions</c>: the phones of the PBX. Everyone signed in reads; only admins change.</summary>
public static partial class ExtensionsApi
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int GeneratedPasswordLength = 16;

    private const string Columns =
        "id, number, display_name as DisplayName, realm, enabled, max_contacts as MaxContacts, created_at as CreatedAt, updated_at as UpdatedAt";

    // No look-alike characters (0/O, 1/l/I): the password is read off a screen and typed into a phone's keypad.
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static RouteGroupBuilder MapExtensionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/extensions").WithTags("Extensions");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:long}/password", SetPasswordAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/settings", GetSettingsAsync).RequireAuthorization(Policies.Viewer);
        group.MapPut("/{id:long}/settings", PutSettingsAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/outbound", GetOutboundAsync).RequireAuthorization(Policies.Viewer);
        group.MapPut("/{id:long}/outbound", PutOutboundAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/status", GetStatusAsync).RequireAuthorization(Policies.Viewer);
        return group;
    }

    /// <summary>Filters: <c>number</c> (prefix), <c>name</c> (display name contains, case-insensitive).</summary>
    internal static async Task<Results<Ok<PagedResult<Extension>>, ValidationProblem>> ListAsync(
        string? number, string? name, int? page, int? pageSize, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageQuery.Parse(page, pageSize, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        const string where = """
            where (@number::text is null or number like replace(replace(@number, '%', '\%'), '_', '\_') || '%')
              and (@name::text is null or display_name ilike '%' || replace(replace(@name, '%', '\%'), '_', '\_') || '%')
            """;
        var args = new { number, name, limit = paging.PageSize, offset = paging.Offset };
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from extensions {where}", args, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<Extension>(new CommandDefinition(
            $"select {Columns} from extensions {where} order by number limit @limit offset @offset", args, cancellationToken: cancellationToken));
        return TypedResults.Ok(new PagedResult<Extension>(items.AsList(), paging.Page, paging.PageSize, total));
    }

    internal static async Task<Results<Ok<Extension>, ProblemHttpResult>> GetAsync(long id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var extension = await connection.QuerySingleOrDefaultAsync<Extension>(new CommandDefinition(
            $"select {Columns} from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
        return extension is null ? ApiProblems.NotFound("extension", id) : TypedResults.Ok(extension);
    }

    internal static async Task<Results<Created<ExtensionCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateExtensionRequest request, NpgsqlDataSource db, IOptions<SipRealmOptions> sip, HttpContext context, CancellationToken cancellationToken)
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

        var generated = request.Password is null ? RandomNumberGenerator.GetString(PasswordAlphabet, GeneratedPasswordLength) : null;
        var password = request.Password ?? generated!;
        var realm = sip.Value.Realm;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var extension = await connection.QuerySingleOrDefaultAsync<Extension>(new CommandDefinition(
            $"""
            insert into extensions (number, display_name, realm, ha1_md5, ha1_sha256, enabled, max_contacts)
            values (@number, @displayName, @realm, @md5, @sha256, @enabled, @maxContacts)
            on conflict (number) do nothing
            returning {Columns}
            """,
            new
            {
                number = request.Number,
                displayName = request.DisplayName ?? "",
                realm,
                md5 = SipCredentialHash.Md5(request.Number!, realm, password),
                sha256 = SipCredentialHash.Sha256(request.Number!, realm, password),
                enabled = request.Enabled ?? true,
                maxContacts = request.MaxContacts ?? 5,
            },
            cancellationToken: cancellationToken));
        if (extension is null)
            return ApiProblems.Conflict($"Extension number '{request.Number}' already exists.");
        await ReloadGrainAsync(context, extension.Number);
        return TypedResults.Created($"/api/v1/extensions/{extension.Id}", new ExtensionCreated(extension, generated));
    }

    internal static async Task<Results<Ok<Extension>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateExtensionRequest request, NpgsqlDataSource db, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidateDisplayName(request.DisplayName, errors);
        ValidateMaxContacts(request.MaxContacts, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var extension = await connection.QuerySingleOrDefaultAsync<Extension>(new CommandDefinition(
            $"""
            update extensions set
                display_name = coalesce(@displayName, display_name),
                max_contacts = coalesce(@maxContacts, max_contacts),
                enabled = coalesce(@enabled, enabled),
                updated_at = @now
            where id = @id
            returning {Columns}
            """,
            new { id, request.DisplayName, request.MaxContacts, request.Enabled, now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
        if (extension is null)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(context, extension.Number);
        return TypedResults.Ok(extension);
    }

    /// <summary>Refused with 409 while a DID number routes to the extension, so inbound calls never point at nothing.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, NpgsqlDataSource db, HttpContext context,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var routedFrom = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            select d.number from did_numbers d join extensions e on d.destination_kind = 'extension' and d.destination_target = e.number
            where e.id = @id order by d.number
            """,
            new { id },
            cancellationToken: cancellationToken))).AsList();
        if (routedFrom.Count > 0)
            return ApiProblems.Conflict($"DID numbers {string.Join(", ", routedFrom)} route to this extension: route them elsewhere first.");
        var deleted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "delete from extensions where id = @id returning number", new { id }, cancellationToken: cancellationToken));
        if (deleted is null)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(context, deleted);
        return TypedResults.NoContent();
    }

    /// <summary>Stores only HA1 = H(number:realm:password) (RFC 7616 3.4.2), for MD5 and SHA-256; the password is forgotten.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPasswordAsync(
        long id, Users.SetPasswordRequest request, NpgsqlDataSource db, IOptions<SipRealmOptions> sip, TimeProvider clock, HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ValidatePassword(request.Password, errors);
        if (!errors.IsEmpty)
            return errors.ToProblem();

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var number = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select number from extensions where id = @id", new { id }, cancellationToken: cancellationToken));
        if (number is null)
            return ApiProblems.NotFound("extension", id);

        var realm = sip.Value.Realm;
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "update extensions set realm = @realm, ha1_md5 = @md5, ha1_sha256 = @sha256, updated_at = @now where id = @id and number = @number",
            new
            {
                id,
                number,
                realm,
                md5 = SipCredentialHash.Md5(number, realm, request.Password!),
                sha256 = SipCredentialHash.Sha256(number, realm, request.Password!),
                now = clock.GetUtcNow().UtcDateTime,
            },
            cancellationToken: cancellationToken));
        if (updated != 1)
            return ApiProblems.NotFound("extension", id);
        await ReloadGrainAsync(context, number);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Tells the extension's grain its row changed, so the next registration and call use it (the grain holds the row in
    /// memory). Without a silo in this process there is no grain here to tell.
    /// </summary>
    private static Task ReloadGrainAsync(HttpContext context, string number) =>
        context.RequestServices.GetService<IGrainFactory>()?.GetGrain<IExtensionGrain>(number).ReloadAsync() ?? Task.CompletedTask;

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
