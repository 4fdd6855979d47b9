using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.Trunks;
using Pbx.ApiHost.Auth;
using Pbx.Data.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// <c>GET /api/v1/trunks/{id}/status</c>: the row's settings and the trunk grain's registration (faked by
/// <see cref="FakeCallGrains"/>; the grain's own rules are <c>TrunkRegistrationStateTests</c>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TrunkStatusApiTests(ApiFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeCallGrains _grains = new();
    private TestApi _api = null!;

    public async Task InitializeAsync() =>
        _api = await TestApi.StartAsync(fixture.ConnectionString, configureServices: services => services.AddSingleton(_grains.Factory));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_trunk_that_does_not_register_is_disabled_and_says_why()
    {
        using var admin = await AdminAsync();
        await CreateAsync(admin, "status-ip", new { register = false });
        await CreateAsync(admin, "status-off", new { enabled = false });

        var ip = (await admin.GetFromJsonAsync<TrunkStatusResponse>("/api/v1/trunks/status-ip/status"))!;
        var off = (await admin.GetFromJsonAsync<TrunkStatusResponse>("/api/v1/trunks/status-off/status"))!;

        ip.State.ShouldBe("disabled");
        ip.Reason.ShouldBe(TrunkStatusResponse.NotRegisteringReason);
        off.State.ShouldBe("disabled");
        off.Reason.ShouldBe(TrunkStatusResponse.DisabledReason);
    }

    [Fact]
    public async Task A_failed_registration_shows_the_carriers_answer_when_it_came_and_the_calls_in_use()
    {
        using var admin = await AdminAsync();
        await CreateAsync(admin, "status-failed", new { });
        _grains.TrunkStatuses["status-failed"] = new TrunkStatus("status-failed", TrunkRegistrationPhase.Failed, "403 Forbidden", 3, null,
            Now.AddSeconds(20), ActiveCalls: 2, FailedAt: Now);

        var status = (await admin.GetFromJsonAsync<TrunkStatusResponse>("/api/v1/trunks/status-failed/status"))!;

        status.ShouldBe(new TrunkStatusResponse("status-failed", "failed", "403 Forbidden", 3, null, Now.AddSeconds(20), 2, 4, Now));
    }

    [Fact]
    public async Task An_edit_tells_the_trunks_grain_the_new_settings_version_so_it_drops_the_old_binding_at_once()
    {
        using var admin = await AdminAsync();
        await CreateAsync(admin, "status-edit", new { });

        var edited = (await (await admin.PatchAsync("/api/v1/trunks/status-edit", JsonContent.Create(new { host = "sip2.carrier.example" })))
            .Content.ReadFromJsonAsync<Trunk>())!;
        var status = (await admin.GetFromJsonAsync<TrunkStatusResponse>("/api/v1/trunks/status-edit/status"))!;

        var told = _grains.Calls.Where(c => c.Key == "status-edit" && c.Method == nameof(ITrunkGrain.ReconfiguredAsync)).Select(c => (DateTimeOffset)c.Args[0]!).ToList();
        told.Count.ShouldBe(2, "told on create and on the edit");
        told[1].ShouldBe(new DateTimeOffset(DateTime.SpecifyKind(edited.UpdatedAt, DateTimeKind.Utc)));
        _grains.Calls.Last(c => c.Key == "status-edit" && c.Method == nameof(ITrunkGrain.ReconfiguredAsync)).Args[1].ShouldBe(true, "the new settings register");
        status.State.ShouldBe("registering", "no edge has reported on the new settings");
        status.Reason.ShouldBe(TrunkStatusResponse.WaitingReason);
        status.ExpiresAt.ShouldBeNull();
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = Roles.Admin, password = ApiFixture.Password });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return client;
    }

    private static async Task CreateAsync(HttpClient admin, string id, object overrides)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(new
        {
            id, host = "sip.carrier.example", username = "u", password = "p", realm = "carrier.example", register = true, countryCode = "998", maxCalls = 4,
        })!.AsObject();
        foreach (var (name, value) in System.Text.Json.JsonSerializer.SerializeToNode(overrides)!.AsObject())
            body[name] = value?.DeepClone();
        (await admin.PostAsJsonAsync("/api/v1/trunks", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
