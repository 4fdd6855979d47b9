using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pbx.ApiHost.Auth;
using Pbx.ApiHost.Problems;
using Orleans;
using Pbx.Data;
using Pbx.Data.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.ApiHost.Apis.Trunks;

/// <summary><c>/api/v1/trunks</c>: carrier SIP trunks and their live status. Everyone signed in reads; only admins change.</summary>
public static partial class TrunksApi
{
    public static RouteGroupBuilder MapTrunksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/trunks").WithTags("Trunks");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{id}/status", StatusAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).AddEndpointFilter(ForgetTrunkSources);
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Admin).AddEndpointFilter(ForgetTrunkSources);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin).AddEndpointFilter(ForgetTrunkSources);
        return group;
    }

    /// <summary>After a change, the edge in this process reads the trunks' sources again for the next INVITE.</summary>
    private static async ValueTask<object?> ForgetTrunkSources(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        context.HttpContext.RequestServices.GetService<ITrunkDirectory>()?.Invalidate();
        return result;
    }

    internal static async Task<Ok<IReadOnlyList<Trunk>>> ListAsync(TrunkRepository trunks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trunks.ListAsync(cancellationToken));

    internal static async Task<Results<Ok<Trunk>, ProblemHttpResult>> GetAsync(string id, TrunkRepository trunks, CancellationToken cancellationToken) =>
        await trunks.GetAsync(id, cancellationToken) is { } trunk ? TypedResults.Ok(trunk) : ApiProblems.NotFound("trunk", id);

    /// <summary>The trunk grain's live state.</summary>
    internal static async Task<Results<Ok<TrunkStatusResponse>, ProblemHttpResult>> StatusAsync(
        string id, TrunkRepository trunks, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!await trunks.ExistsAsync(id, cancellationToken))
            return ApiProblems.NotFound("trunk", id);
        var status = await grains.GetGrain<ITrunkGrain>(id).GetStatusAsync();
        return TypedResults.Ok(new TrunkStatusResponse(id, status.Phase.ToString().ToLowerInvariant(), status.FailureReason, status.Failures,
            status.ExpiresAt, status.NextAttemptAt, status.ActiveCalls));
    }

    internal static async Task<Results<Created<Trunk>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TrunkRequest request, TrunkRepository trunks, TrunkPasswordProtector passwords, CancellationToken cancellationToken)
    {
        var errors = Validate(request, request.Id, isNew: true);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        var trunk = await trunks.CreateAsync(ToChange(request.Id!, request, passwords), cancellationToken);
        return trunk is null
            ? ApiProblems.Conflict($"Trunk '{request.Id}' already exists.")
            : TypedResults.Created($"/api/v1/trunks/{trunk.Id}", trunk);
    }

    internal static async Task<Results<Ok<Trunk>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, TrunkRequest request, TrunkRepository trunks, TrunkPasswordProtector passwords, CancellationToken cancellationToken)
    {
        var errors = Validate(request, id, isNew: false);
        if (!errors.IsEmpty)
            return errors.ToProblem();
        try
        {
            var trunk = await trunks.UpdateAsync(ToChange(id, request, passwords), cancellationToken);
            return trunk is null ? ApiProblems.NotFound("trunk", id) : TypedResults.Ok(trunk);
        }
        catch (RowConflictException e) when (e.Conflict == RowConflict.CheckFailed)
        {
            // A registering trunk without a stored password: the table's check says so, the client learns which field.
            var problem = new ValidationErrors();
            problem.Require(false, "password", "is required for a trunk that registers.");
            return problem.ToProblem();
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, TrunkRepository trunks, CancellationToken cancellationToken) =>
        await trunks.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound("trunk", id);

    /// <summary>Every column as the request sets it, defaults applied and the password protected.</summary>
    private static TrunkChange ToChange(string id, TrunkRequest r, TrunkPasswordProtector passwords)
    {
        var ha1Only = r.StoreHa1Only == true && r.Realm is not null && r.Username is not null;
        return new TrunkChange
        {
            Id = id,
            Description = r.Description ?? "",
            Enabled = r.Enabled ?? true,
            Host = r.Host!,
            Port = r.Port ?? 5060,
            Transport = r.Transport ?? "udp",
            OutboundProxy = r.OutboundProxy,
            Username = r.Username,
            Realm = r.Realm,
            PasswordGiven = r.Password is not null,
            PasswordProtected = r.Password is null || ha1Only ? null : passwords.Protect(r.Password),
            Ha1Md5 = r.Password is not null && ha1Only ? TrunkPasswordProtector.Ha1Md5(r.Username!, r.Realm!, r.Password) : null,
            Register = r.Register ?? false,
            RegisterExpires = r.RegisterExpires ?? 3600,
            AllowedNetworks = r.AllowedNetworks ?? [],
            Codecs = r.Codecs ?? ["PCMA", "PCMU"],
            MaxCalls = r.MaxCalls ?? 30,
            DefaultCallerId = r.DefaultCallerId,
            Privacy = r.Privacy ?? false,
            CountryCode = r.CountryCode!,
            NationalPrefix = r.NationalPrefix ?? "0",
            InternationalPrefix = r.InternationalPrefix ?? "00",
            NationalLength = r.NationalLength ?? 0,
            CarrierFormat = r.CarrierFormat ?? "e164",
        };
    }

    private static ValidationErrors Validate(TrunkRequest r, string? id, bool isNew)
    {
        var errors = new ValidationErrors();
        if (isNew)
            errors.Require(id is not null && IdPattern().IsMatch(id), "id", "is required: 1 to 32 of a-z, 0-9, '_' and '-'.");
        errors.Require(!string.IsNullOrWhiteSpace(r.Host) && r.Host.Length <= 253, "host", "is required: the carrier's host name or address.");
        errors.Require(r.Port is null or (>= 1 and <= 65535), "port", "must be between 1 and 65535.");
        errors.Require(r.Transport is null or "udp" or "tcp", "transport", "must be udp or tcp.");
        errors.Require(r.CountryCode is not null && CountryCodePattern().IsMatch(r.CountryCode), "countryCode", "is required: 1 to 3 digits, no '+'.");
        errors.Require(r.CarrierFormat is null or "e164" or "international" or "national", "carrierFormat", "must be e164, international or national.");
        errors.Require(r.RegisterExpires is null or (>= 60 and <= 86400), "registerExpires", "must be between 60 and 86400 seconds.");
        errors.Require(r.MaxCalls is null or (>= 1 and <= 10000), "maxCalls", "must be between 1 and 10000.");
        errors.Require(r.NationalLength is null or (>= 0 and <= 14), "nationalLength", "must be between 0 and 14.");
        errors.Require(r.StoreHa1Only != true || (r.Realm is not null && r.Username is not null), "realm", "is required to store only the HA1.");
        errors.Require(r.Register != true || r.Username is not null, "username", "is required for a trunk that registers.");
        errors.Require(!isNew || r.Register != true || r.Password is not null, "password", "is required for a trunk that registers.");
        foreach (var network in r.AllowedNetworks ?? [])
            errors.Require(IPNetwork.TryParse(network, out _), "allowedNetworks", $"'{network}' is not a network in CIDR form (192.0.2.0/24).");
        return errors;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[1-9][0-9]{0,2}$")]
    private static partial Regex CountryCodePattern();
}
