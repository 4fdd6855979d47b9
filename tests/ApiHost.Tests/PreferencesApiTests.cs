using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pbx.ApiHost.Apis.Me;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

/// <summary><c>/api/v1/me/preferences</c>: the console language a user chose, kept with the user across sign-ins.</summary>
[Collection(ApiCollection.Name)]
public sealed class PreferencesApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_user_chooses_a_language_and_finds_it_again_at_the_next_sign_in()
    {
        await fixture.Users.CreateAsync("prefs-ru", ApiFixture.Password, Roles.Viewer);
        using var first = await SignInAsync("prefs-ru");
        (await first.GetFromJsonAsync<UserPreferences>("/api/v1/me/preferences"))!.Language.ShouldBeNull("nothing chosen yet");

        var saved = await first.PutAsJsonAsync("/api/v1/me/preferences", new { language = "ru" });

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var second = await SignInAsync("prefs-ru");
        (await second.GetFromJsonAsync<UserPreferences>("/api/v1/me/preferences"))!.Language.ShouldBe("ru");
    }

    [Fact]
    public async Task A_language_the_console_does_not_have_is_refused_naming_the_field_with_a_code()
    {
        await fixture.Users.CreateAsync("prefs-de", ApiFixture.Password, Roles.Operator);
        using var client = await SignInAsync("prefs-de");

        var german = await Problem.ReadAsync(await client.PutAsJsonAsync("/api/v1/me/preferences", new { language = "de" }), HttpStatusCode.BadRequest);
        var missing = await Problem.ReadAsync(await client.PutAsJsonAsync("/api/v1/me/preferences", new { }), HttpStatusCode.BadRequest);

        german.GetProperty("code").GetString().ShouldBe("preferences.language_unsupported");
        german.GetProperty("errors").GetProperty("language")[0].GetString()!.ShouldContain("en, ru, uz");
        missing.GetProperty("fieldCodes").GetProperty("language")[0].GetString().ShouldBe("validation.field_required");
        (await client.GetFromJsonAsync<UserPreferences>("/api/v1/me/preferences"))!.Language.ShouldBeNull();
    }

    [Fact]
    public async Task Preferences_need_a_signed_in_user()
    {
        using var anonymous = fixture.Anonymous();

        var problem = await Problem.ReadAsync(await anonymous.GetAsync("/api/v1/me/preferences"), HttpStatusCode.Unauthorized);

        problem.GetProperty("code").GetString().ShouldBe("auth.unauthorized");
    }

    private async Task<HttpClient> SignInAsync(string username)
    {
        var client = fixture.Anonymous();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = ApiFixture.Password });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return client;
    }
}
