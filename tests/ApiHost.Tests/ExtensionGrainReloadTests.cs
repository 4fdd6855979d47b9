using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Auth;
using Pbx.Grains.Extensions;
using Orleans;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// Every change through the extensions API reaches the extension's grain, which holds its row in memory for
/// registrations and calls (a reset password or new forwarding must apply at once).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExtensionGrainReloadTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string Number = "3951";

    private readonly FakeCallGrains _grains = new();
    private TestApi _api = null!;

    public async Task InitializeAsync() =>
        _api = await TestApi.StartAsync(fixture.ConnectionString, configureServices: services => services.AddSingleton(_grains.Factory));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Create_update_password_settings_and_delete_each_reload_the_extensions_grain()
    {
        using var admin = await SignInAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/extensions", new { number = Number });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<ExtensionCreated>())!.Extension.Id;
        (await admin.PutAsJsonAsync($"/api/v1/extensions/{id}", new { displayName = "Lobby" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/v1/extensions/{id}/password", new { password = "a new secret 3951" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PutAsJsonAsync($"/api/v1/extensions/{id}/settings", new { dnd = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/extensions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        _grains.Calls.Where(c => c.Key == Number).Select(c => c.Method).ShouldBe(Enumerable.Repeat(nameof(IExtensionGrain.ReloadAsync), 5));
    }

    [Fact]
    public async Task A_change_whose_grain_cannot_be_told_fails_with_500()
    {
        using var admin = await SignInAsync();

        // The row is stored, but the grain would serve the old one until it reloads: the caller must not read success.
        var created = await admin.PostAsJsonAsync("/api/v1/extensions", new { number = FakeCallGrains.UnreachablePrefix + Number });

        await Problem.ReadAsync(created, HttpStatusCode.InternalServerError);
    }

    private async Task<HttpClient> SignInAsync()
    {
        var admin = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new { username = Roles.Admin, password = ApiFixture.Password });
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return admin;
    }
}
