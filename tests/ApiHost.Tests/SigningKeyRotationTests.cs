using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// Rotating the token signing key without signing anybody out: the new key signs (its id in <c>kid</c>), the old one,
/// listed under Api:Jwt:PreviousSigningKeys, still validates until it is removed; the configuration is re-read while the
/// API runs. Each test has its own API, since changing its keys would end the shared fixture's tokens.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SigningKeyRotationTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string OldKey = "rotation-test-old-signing-key-of-more-than-32-bytes";
    private const string NewKey = "rotation-test-new-signing-key-of-more-than-32-bytes";

    private TestApi _api = null!;

    public async Task InitializeAsync() =>
        _api = await TestApi.StartAsync(fixture.ConnectionString, new Dictionary<string, string?> { ["Api:Jwt:SigningKey"] = OldKey });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_token_of_the_old_key_works_while_it_is_a_previous_key_and_gets_401_once_it_is_removed()
    {
        var old = await SignInAsync();
        KeyIdOf(old).ShouldBe(JwtKeySet.KeyId(OldKey));

        Reconfigure(("Api:Jwt:SigningKey", NewKey), ("Api:Jwt:PreviousSigningKeys:0", OldKey));

        (await GetCallsAsync(old)).ShouldBe(HttpStatusCode.OK, "the old key is still listed as a previous key");
        var fresh = await SignInAsync();
        KeyIdOf(fresh).ShouldBe(JwtKeySet.KeyId(NewKey), "new tokens are signed with the new key");
        (await GetCallsAsync(fresh)).ShouldBe(HttpStatusCode.OK);

        Reconfigure(("Api:Jwt:PreviousSigningKeys:0", ""));

        (await GetCallsAsync(old)).ShouldBe(HttpStatusCode.Unauthorized);
        (await GetCallsAsync(fresh)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_with_a_token_of_the_previous_key_returns_one_of_the_new_key()
    {
        var old = await SignInAsync();
        Reconfigure(("Api:Jwt:SigningKey", NewKey), ("Api:Jwt:PreviousSigningKeys:0", OldKey));

        using var client = Client(old);
        var refreshed = await client.PostAsync("/api/v1/auth/refresh", null);

        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        KeyIdOf((await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken).ShouldBe(JwtKeySet.KeyId(NewKey));
    }

    [Fact]
    public async Task An_invalid_change_is_refused_and_the_keys_in_use_stay()
    {
        var old = await SignInAsync();

        // The options system's own monitor of the section (ValidateOnStart keeps one) validates the change too and throws
        // to whoever raised the reload, as for any invalid section; the keys in use are this class's to keep.
        var refused = Should.Throw<AggregateException>(() => Reconfigure(("Api:Jwt:SigningKey", "too short")));
        refused.Flatten().InnerExceptions.ShouldContain(e => e is OptionsValidationException);

        (await GetCallsAsync(old)).ShouldBe(HttpStatusCode.OK);
        KeyIdOf(await SignInAsync()).ShouldBe(JwtKeySet.KeyId(OldKey));
    }

    [Fact]
    public async Task A_token_without_kid_issued_before_keys_had_ids_is_checked_against_every_configured_key()
    {
        var user = await fixture.Users.FindByUsernameAsync(Roles.Viewer, CancellationToken.None);
        var legacy = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "pbx",
            Audience = "pbx-api",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", user!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim("role", user.Role),
                new Claim("sv", user.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(OldKey)), SecurityAlgorithms.HmacSha256),
        });
        KeyIdOf(legacy).ShouldBeNull();

        Reconfigure(("Api:Jwt:SigningKey", NewKey), ("Api:Jwt:PreviousSigningKeys:0", OldKey));
        (await GetCallsAsync(legacy)).ShouldBe(HttpStatusCode.OK);

        Reconfigure(("Api:Jwt:PreviousSigningKeys:0", ""));
        (await GetCallsAsync(legacy)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Changes settings and raises the configuration's reload signal, as a watched JSON file that was edited does.</summary>
    private void Reconfigure(params (string Key, string Value)[] settings)
    {
        var configuration = (IConfigurationRoot)_api.Services.GetRequiredService<IConfiguration>();
        foreach (var (key, value) in settings)
            configuration[key] = value;
        configuration.Reload();
    }

    private async Task<string> SignInAsync()
    {
        var (client, token) = await _api.SignInAsync(Roles.Viewer);
        client.Dispose();
        return token;
    }

    private async Task<HttpStatusCode> GetCallsAsync(string token)
    {
        using var client = Client(token);
        return (await client.GetAsync("/api/v1/calls")).StatusCode;
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string? KeyIdOf(string token) => new JsonWebToken(token).TryGetHeaderValue<string>("kid", out var kid) ? kid : null;
}
