using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Pbx.ApiHost.Auth;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Tests;

public sealed class DatabaseDownTests
{
    [Fact]
    public async Task Without_PostgreSQL_ready_is_503_and_endpoints_answer_500_problems_without_internals()
    {
        // Port 1 on loopback: nothing listens, so every connection is refused at once.
        await using var api = await TestApi.StartAsync("Host=127.0.0.1;Port=1;Username=pbx;Database=none;Timeout=2");
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var issuer = api.Services.GetRequiredService<TokenIssuer>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", issuer.Issue(new ApiUser { Id = 1, Username = "admin", Role = Roles.Admin }).AccessToken);

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var response = await client.GetAsync("/api/v1/extensions");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        body.ShouldNotContain("Npgsql");
        body.ShouldNotContain("127.0.0.1");
    }

    [Fact]
    public async Task Without_PostgreSQL_the_system_status_still_answers_and_says_the_database_is_unreachable()
    {
        await using var api = await TestApi.StartAsync("Host=127.0.0.1;Port=1;Username=pbx;Database=none;Timeout=2");
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var issuer = api.Services.GetRequiredService<TokenIssuer>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", issuer.Issue(new ApiUser { Id = 1, Username = "admin", Role = Roles.Admin }).AccessToken);

        var response = await client.GetAsync("/api/v1/system/status");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var status = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        status.GetProperty("database").GetProperty("reachable").GetBoolean().ShouldBeFalse();
        status.GetProperty("database").GetProperty("latencyMs").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        status.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
    }
}
