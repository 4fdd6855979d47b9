using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.TestSupport;

namespace Pbx.ApiHost.Tests;

public sealed class SecurityTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Database=none";

    [Fact]
    public async Task Api_responses_forbid_sniffing_framing_and_referrers()
    {
        await using var api = await StartWithoutDatabaseAsync("Testing", []);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        foreach (var path in new[] { "/api/v1/extensions", "/openapi/v1.json", "/health/live" })
        {
            var response = await client.GetAsync(path);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], path);
            response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"], path);
            response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"], path);
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'", customMessage: path);
        }
    }

    [Fact]
    public async Task Cors_answers_only_the_configured_origins()
    {
        await using var api = await StartWithoutDatabaseAsync("Testing", new() { ["Api:Cors:Origins:0"] = "https://admin.example.com" });
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        var allowed = await client.SendAsync(Preflight("https://admin.example.com"));
        var other = await client.SendAsync(Preflight("https://evil.example.com"));

        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["https://admin.example.com"]);
        other.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Without_configured_origins_no_cors_headers_are_sent()
    {
        await using var api = await StartWithoutDatabaseAsync("Testing", []);
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        var response = await client.SendAsync(Preflight("https://admin.example.com"));

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Theory]
    [InlineData("Api:Cors:Origins:0", "https://admin.example.com/console")]
    [InlineData("Api:Proxy:KnownProxies:0", "nginx.local")]
    public async Task A_bad_origin_or_proxy_refuses_to_start_naming_the_key(string key, string value)
    {
        await using var dataSource = NpgsqlDataSource.Create(NoDatabase);
        var settings = new Dictionary<string, string?> { ["Api:Jwt:SigningKey"] = TestApi.SigningKey, [key] = value };

        var error = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var app = TestApi.Build(dataSource, "Testing", settings);
            await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        });

        error.Message.ShouldContain(key);
    }

    [Fact]
    public async Task Forwarded_client_addresses_count_for_the_login_limit_only_from_a_known_proxy()
    {
        await ProductionSchema.ApplyAsync(database.ConnectionString);
        var limit = new Dictionary<string, string?> { ["Api:Login:PermitsPerMinute"] = "2" };
        await using (var direct = await TestApi.StartAsync(database.ConnectionString, limit))
        {
            using var client = new HttpClient { BaseAddress = direct.BaseAddress };
            for (var i = 0; i < 2; i++)
                (await LoginFromAsync(client, $"203.0.113.{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await LoginFromAsync(client, "203.0.113.9")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "a forged X-Forwarded-For escaped the limit");
        }

        limit["Api:Proxy:KnownProxies:0"] = "192.0.2.10";
        await using (var otherProxy = await TestApi.StartAsync(database.ConnectionString, limit))
        {
            using var client = new HttpClient { BaseAddress = otherProxy.BaseAddress };
            for (var i = 0; i < 2; i++)
                (await LoginFromAsync(client, $"203.0.113.{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await LoginFromAsync(client, "203.0.113.9")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "loopback is not a configured proxy");
        }

        limit["Api:Proxy:KnownProxies:0"] = "127.0.0.1";
        await using var behindNginx = await TestApi.StartAsync(database.ConnectionString, limit);
        using var proxied = new HttpClient { BaseAddress = behindNginx.BaseAddress };
        for (var i = 0; i < 2; i++)
            (await LoginFromAsync(proxied, "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginFromAsync(proxied, "203.0.113.1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await LoginFromAsync(proxied, "203.0.113.2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another client behind the same proxy is not limited");
    }

    [Fact]
    public async Task Development_serves_the_swagger_ui_from_the_host_and_production_does_not()
    {
        await using (var development = await StartWithoutDatabaseAsync("Development", []))
        {
            using var client = new HttpClient { BaseAddress = development.BaseAddress };
            var page = await client.GetAsync("/swagger/index.html");
            var html = await page.Content.ReadAsStringAsync();
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            html.ShouldNotContain("//cdn", Case.Insensitive);
            html.ShouldNotContain("unpkg", Case.Insensitive);
            (await client.GetAsync("/swagger/swagger-ui-bundle.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetStringAsync("/swagger/index.js")).ShouldContain("/openapi/v1.json");
            page.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'self'");
        }

        await using var production = await StartWithoutDatabaseAsync("Production", []);
        using var anonymous = new HttpClient { BaseAddress = production.BaseAddress };
        (await anonymous.GetAsync("/swagger/index.html")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/extensions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return request;
    }

    private static Task<HttpResponseMessage> LoginFromAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { username = "someone", password = "wrong password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private static async Task<RunningApp> StartWithoutDatabaseAsync(string environment, Dictionary<string, string?> settings)
    {
        settings["Api:Jwt:SigningKey"] = TestApi.SigningKey;
        var dataSource = NpgsqlDataSource.Create(NoDatabase);
        var app = TestApi.Build(dataSource, environment, settings);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RunningApp(app, dataSource, new Uri(address));
    }

    private sealed record RunningApp(Microsoft.AspNetCore.Builder.WebApplication App, NpgsqlDataSource DataSource, Uri BaseAddress) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            await DataSource.DisposeAsync();
        }
    }
}
