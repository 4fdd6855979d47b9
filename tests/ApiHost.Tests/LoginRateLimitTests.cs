using System.Net;
using System.Net.Http.Json;
using Pbx.TestSupport;

namespace Pbx.ApiHost.Tests;

public sealed class LoginRateLimitTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Logins_beyond_the_per_address_limit_get_429_with_Retry_After()
    {
        await ProductionSchema.ApplyAsync(database.ConnectionString);
        await using var api = await TestApi.StartAsync(database.ConnectionString, new Dictionary<string, string?> { ["Api:Login:PermitsPerMinute"] = "2" });
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        for (var i = 0; i < 2; i++)
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "someone", password = "wrong password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "someone", password = "wrong password" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 60);
        problem.GetProperty("detail").GetString()!.ShouldContain("Retry after");
    }
}
