using System.Net;
using System.Net.Http.Json;
using Pbx.ApiHost.Auth;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class RoleTests(ApiFixture fixture)
{
    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    public async Task Viewers_and_operators_cannot_manage_extensions(string role)
    {
        using var client = await fixture.SignedInAsync(role);

        await Problem.ReadAsync(await client.PostAsJsonAsync("/api/v1/extensions", new { number = "role-" + role }), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await client.DeleteAsync("/api/v1/extensions/1"), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await client.PostAsJsonAsync("/api/v1/did-numbers", new { number = "+15550000" }), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await client.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Admin)]
    public async Task Every_role_reads(string role)
    {
        using var client = await fixture.SignedInAsync(role);

        foreach (var path in new[] { "/api/v1/extensions", "/api/v1/calls", "/api/v1/did-numbers", "/api/v1/recordings", "/api/v1/stats/dashboard" })
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
    }

    [Fact]
    public async Task A_phone_user_reads_its_own_share_and_no_configuration()
    {
        using var client = await fixture.SignedInAsync(Roles.User);

        foreach (var path in new[] { "/api/v1/extensions", "/api/v1/calls", "/api/v1/recordings", "/api/v1/calls/active", "/api/v1/live/calls", "/api/v1/me/phone", "/api/v1/me/preferences" })
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        foreach (var path in new[] { "/api/v1/trunks", "/api/v1/did-numbers", "/api/v1/dial-rules", "/api/v1/stats/dashboard", "/api/v1/extensions/1/settings", "/api/v1/users" })
            await Problem.ReadAsync(await client.GetAsync(path), HttpStatusCode.Forbidden);
        await Problem.ReadAsync(await client.PostAsync("/api/v1/calls/any-call/hangup", null), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_a_token_every_api_endpoint_is_401()
    {
        using var client = fixture.Anonymous();

        foreach (var path in new[] { "/api/v1/extensions", "/api/v1/calls", "/api/v1/calls/export.csv", "/api/v1/users", "/api/v1/stats/dashboard" })
            await Problem.ReadAsync(await client.GetAsync(path), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admins_manage_users_and_usernames_are_unique()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var created = await admin.PostAsJsonAsync("/api/v1/users", new { username = "new-operator", password = "long enough password", role = Roles.Operator });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var user = (await created.Content.ReadFromJsonAsync<Dictionary<string, object>>())!;
        user.ShouldNotContainKey("passwordHash");
        var id = user["id"].ToString();
        var taken = await Problem.ReadAsync(
            await admin.PostAsJsonAsync("/api/v1/users", new { username = "new-operator", password = "long enough password", role = Roles.Operator }),
            HttpStatusCode.Conflict);
        taken.GetProperty("code").GetString().ShouldBe("user.exists");
        var errors = await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/users", new { username = "x y", password = "short", role = "root" }));
        errors.Keys.ShouldBe(["username", "password", "role"], ignoreOrder: true);

        (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { role = Roles.Viewer })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/users/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await admin.GetAsync($"/api/v1/users/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_deleted_nor_demoted()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var self = await fixture.Users.FindByUsernameAsync(Roles.Admin);

        // The console tells the admin why in their language (problem.user.last_admin).
        (await Problem.ReadAsync(await admin.DeleteAsync($"/api/v1/users/{self!.Id}"), HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("user.last_admin");
        (await Problem.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/users/{self.Id}", new { role = Roles.Viewer }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("user.last_admin");
        (await admin.GetFromJsonAsync<ApiUser>($"/api/v1/users/{self.Id}"))!.Role.ShouldBe(Roles.Admin);
    }
}
