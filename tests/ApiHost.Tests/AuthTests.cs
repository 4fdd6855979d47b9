using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFixture fixture)
{
    [Fact]
    public async Task Login_with_right_password_returns_a_signed_token_that_expires()
    {
        using var client = fixture.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = Roles.Operator, password = ApiFixture.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        token.TokenType.ShouldBe("Bearer");
        token.Role.ShouldBe(Roles.Operator);
        token.ExpiresAt.ShouldBeInRange(DateTime.UtcNow.AddMinutes(59), DateTime.UtcNow.AddMinutes(61));
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token.AccessToken);
        jwt.Header.Alg.ShouldBe("HS256");
        jwt.Claims.Single(c => c.Type == "role").Value.ShouldBe(Roles.Operator);
        jwt.ValidTo.ShouldBe(token.ExpiresAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Login_with_wrong_password_or_unknown_user_is_401_problem()
    {
        using var client = fixture.Anonymous();
        await Problem.ReadAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { username = Roles.Viewer, password = "wrong password" }), HttpStatusCode.Unauthorized);
        await Problem.ReadAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody", password = "wrong password" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_without_fields_names_them()
    {
        using var client = fixture.Anonymous();
        var errors = await Problem.ReadValidationAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { }));
        errors.Keys.ShouldBe(["username", "password"], ignoreOrder: true);
    }

    [Fact]
    public async Task Refresh_with_a_valid_token_issues_a_new_one_and_without_is_401()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);
        var response = await client.PostAsync("/api/v1/auth/refresh", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        token.Username.ShouldBe(Roles.Viewer);

        using var anonymous = fixture.Anonymous();
        await Problem.ReadAsync(await anonymous.PostAsync("/api/v1/auth/refresh", null), HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken[..^4] + "AAAA");
        await Problem.ReadAsync(await anonymous.GetAsync("/api/v1/extensions"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var handler = new JwtSecurityTokenHandler();
        var forged = handler.WriteToken(new JwtSecurityToken("pbx", "pbx-api", [new("role", Roles.Admin), new("sub", "1")],
            expires: DateTime.UtcNow.AddHours(1),
            signingCredentials: new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey("another-key-that-is-long-enough-to-sign-with"u8.ToArray()), "HS256")));
        using var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await Problem.ReadAsync(await client.GetAsync("/api/v1/users"), HttpStatusCode.Unauthorized);
    }
}
