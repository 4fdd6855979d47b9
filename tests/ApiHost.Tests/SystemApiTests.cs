using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Pbx.ApiHost.Apis.SystemStatus;
using Pbx.ApiHost.Auth;
using Pbx.Grains.Media;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// <c>/api/v1/system/info</c> and <c>/status</c> on Kestrel against PostgreSQL; the cluster's membership and directories
/// are faked by <see cref="FakeCallGrains"/> (the integration tests run real clusters).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SystemApiTests(ApiFixture fixture) : IAsyncLifetime
{
    private readonly FakeCallGrains _grains = new();
    private readonly string _recordings = Directory.CreateTempSubdirectory("pbx-status-").FullName;
    private TestApi _api = null!;

    public async Task InitializeAsync() =>
        _api = await TestApi.StartAsync(fixture.ConnectionString, new Dictionary<string, string?> { ["Media:RecordingsDirectory"] = _recordings },
            services => services.AddSingleton(_grains.Factory));

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_recordings, recursive: true);
    }

    [Fact]
    public async Task Info_gives_anyone_the_organisations_time_zone_by_its_iana_id_and_the_console_languages()
    {
        using var anonymous = new HttpClient { BaseAddress = _api.BaseAddress };

        var info = (await anonymous.GetFromJsonAsync<SystemInfo>("/api/v1/system/info"))!;

        info.TimeZone.ShouldBe("Asia/Tashkent");
        info.UtcOffsetMinutes.ShouldBe(300, "Tashkent is UTC+5 all year");
        info.Languages.ShouldBe(["en", "ru", "uz"]);
    }

    [Fact]
    public async Task A_time_zone_the_machine_does_not_know_stops_start_up_naming_the_key()
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => TestApi.StartAsync(fixture.ConnectionString,
            new Dictionary<string, string?> { ["Console:TimeZone"] = "Mars/Olympus_Mons" }));

        failure.Message.ShouldContain("Console:TimeZone 'Mars/Olympus_Mons'");
    }

    [Fact]
    public async Task Status_shows_admins_the_silos_edges_media_load_database_latency_recordings_disk_and_version()
    {
        var started = new DateTime(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);
        _grains.Silos = [new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 11111), 42), Status = SiloStatus.Active, SiloName = "silo-a",
            HostName = "pbx-1", StartTime = started, IAmAliveTime = started.AddMinutes(5),
        }];
        _grains.Edges.Add("edge-1");
        _grains.MediaNodes.Add(new MediaNodeEntry(new MediaNodeReport("media-1", null!, 12, 4990, TimeSpan.FromSeconds(15)), DateTimeOffset.UtcNow));
        using var admin = await SignInAsync(Roles.Admin);

        var status = (await admin.GetFromJsonAsync<SystemStatusResponse>("/api/v1/system/status"))!;

        var silo = status.Silos.ShouldNotBeNull().Single();
        (silo.Address, silo.Name, silo.HostName, silo.Status).ShouldBe(("10.0.0.5:11111@42", "silo-a", "pbx-1", "Active"));
        status.SipEdges.ShouldBe(["edge-1"]);
        var media = status.MediaNodes.ShouldNotBeNull().Single();
        (media.NodeId, media.ActiveEndpoints, media.FreePortPairs).ShouldBe(("media-1", 12, 4990));
        status.Database.Reachable.ShouldBeTrue();
        status.Database.LatencyMs.ShouldNotBeNull().ShouldBeGreaterThan(0);
        status.Recordings.Directory.ShouldBe(_recordings);
        status.Recordings.FreeBytes.ShouldNotBeNull().ShouldBeGreaterThan(0);
        status.Version.ShouldNotBeNullOrEmpty();
        status.Unavailable.ShouldBeEmpty();
    }

    [Fact]
    public async Task Status_names_the_parts_a_dead_cluster_cannot_tell_and_still_shows_the_database()
    {
        _grains.Silos = null;
        using var admin = await SignInAsync(Roles.Admin);

        var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/system/status");

        status.GetProperty("silos").ValueKind.ShouldBe(JsonValueKind.Null);
        status.GetProperty("mediaNodes").ValueKind.ShouldBe(JsonValueKind.Null);
        status.GetProperty("unavailable").EnumerateObject().Select(p => p.Name).Order().ShouldBe(["mediaNodes", "silos", "sipEdges"]);
        status.GetProperty("database").GetProperty("reachable").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Status_is_for_admins_only()
    {
        using var viewer = await SignInAsync(Roles.Viewer);

        var problem = await Problem.ReadAsync(await viewer.GetAsync("/api/v1/system/status"), HttpStatusCode.Forbidden);

        problem.GetProperty("code").GetString().ShouldBe("auth.forbidden");
    }

    private async Task<HttpClient> SignInAsync(string role)
    {
        var client = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = role, password = ApiFixture.Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return client;
    }
}
