using Pbx.ApiHost.Apis.Recordings;
using Pbx.Grains.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pbx.ApiHost.Auth;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Apis.SystemStatus;

/// <summary>
/// <c>/api/v1/system</c>: <c>info</c> (anyone, signed in or not: the organisation's time zone and the console's languages,
/// which the sign-in page needs) and <c>status</c> (admins: the state of every part of the PBX).
/// </summary>
public static class SystemApi
{
    public static RouteGroupBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/system").WithTags("System");
        group.MapGet("/info", Info).AllowAnonymous();
        group.MapGet("/status", StatusAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    internal static Ok<SystemInfo> Info(IOptions<OrganisationOptions> organisation, IOptions<RecordingOptions> recordings, TimeProvider clock)
    {
        var zone = organisation.Value.Zone();
        return TypedResults.Ok(new SystemInfo(zone.Id, (int)zone.GetUtcOffset(clock.GetUtcNow()).TotalMinutes, UserRepository.Languages,
            recordings.Value.RecordingRetentionDays));
    }

    internal static async Task<Ok<SystemStatusResponse>> StatusAsync(SystemStatusReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ReadAsync(cancellationToken));
}
