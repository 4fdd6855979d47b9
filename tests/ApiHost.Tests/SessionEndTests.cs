using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pbx.ApiHost.Auth;
using Shouldly;
using Xunit;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// A token dies with its session: after a password reset, a demotion, a lock, a deletion or a sign-out, the token issued
/// before is refused at once (it used to work until it expired, and could be refreshed for ever).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionEndTests(ApiFixture fixture)
{
    private const string Password = "session-test-password-1";

    [Fact]
    public async Task A_password_reset_ends_the_users_sessions_and_refresh_cannot_revive_them()
    {
        var (id, user) = await SignedInUserAsync("sess-reset");
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        (await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "another-password-22" })).EnsureSuccessStatusCode();

        (await user.GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await user.PostAsync("/api/v1/auth/refresh", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_demotion_ends_the_sessions_of_the_old_role()
    {
        var (id, user) = await SignedInUserAsync("sess-demote", Roles.Operator);
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await user.GetAsync("/api/v1/calls/active")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { role = Roles.Viewer })).EnsureSuccessStatusCode();

        (await user.GetAsync("/api/v1/calls/active")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deleted_user_is_refused_at_once()
    {
        var (id, user) = await SignedInUserAsync("sess-delete");
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        (await admin.DeleteAsync($"/api/v1/users/{id}")).EnsureSuccessStatusCode();

        (await user.GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_ends_every_session_of_the_user_not_only_this_one()
    {
        var (_, phone) = await SignedInUserAsync("sess-logout");
        using var laptop = await SignInAsync("sess-logout");

        (await laptop.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await laptop.GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await phone.GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var again = await SignInAsync("sess-logout");
        (await again.GetAsync("/api/v1/calls")).StatusCode.ShouldBe(HttpStatusCode.OK, "signing in again starts a new session");
    }

    private async Task<(long Id, HttpClient Client)> SignedInUserAsync(string username, string role = Roles.Viewer)
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, role });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        return (id, await SignInAsync(username));
    }

    private async Task<HttpClient> SignInAsync(string username)
    {
        var client = fixture.Anonymous();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = Password });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return client;
    }
}
