using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

/// <summary>Walks the published OpenAPI document, so an endpoint added later is checked without editing these tests.</summary>
[Collection(ApiCollection.Name)]
public sealed class EndpointCoverageTests(ApiFixture fixture)
{
    /// <summary>The API endpoints a stranger may call: sign-in, and what the sign-in page shows (time zone, languages).</summary>
    private static readonly string[] Anonymous = ["/api/v1/auth/login", "/api/v1/system/info"];

    [Fact]
    public async Task The_OpenAPI_document_lists_every_mapped_endpoint()
    {
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");
        await using var app = TestApi.Build(dataSource, "Testing", new Dictionary<string, string?> { ["Api:Jwt:SigningKey"] = TestApi.SigningKey });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) || e.RoutePattern.RawText.StartsWith("/health", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);

        var documented = (await DocumentedAsync(fixture.Anonymous())).Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);

        mapped.Count.ShouldBeGreaterThan(40);
        mapped.Except(documented).ShouldBeEmpty("mapped but missing from /openapi/v1.json");
        await app.StopAsync();
    }

    /// <summary>The addresses README and issue 16 promise, and the older ones kept beside them as aliases.</summary>
    [Fact]
    public async Task The_promised_paths_and_their_aliases_are_in_the_OpenAPI_document()
    {
        using var client = fixture.Anonymous();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        string[] promised =
        [
            "GET /api/v1/extensions/{id}/status",
            "POST /api/v1/calls",
            "POST /api/v1/calls/{id}/transfer",
            "POST /api/v1/calls/{id}/hold",
            "POST /api/v1/calls/{id}/resume",
            "POST /api/v1/calls/{id}/hangup",
            "POST /api/v1/calls/{id}/record",
            "POST /api/v1/calls/{id}/record/stop",
            "GET /api/v1/recordings/{id}/download",
        ];
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["POST /api/v1/calls/originate"] = "POST /api/v1/calls",
            ["POST /api/v1/calls/active/{id}/transfer"] = "POST /api/v1/calls/{id}/transfer",
            ["POST /api/v1/calls/active/{id}/hangup"] = "POST /api/v1/calls/{id}/hangup",
            ["POST /api/v1/calls/active/{id}/start-recording"] = "POST /api/v1/calls/{id}/record",
            ["POST /api/v1/calls/active/{id}/stop-recording"] = "POST /api/v1/calls/{id}/record/stop",
            ["GET /api/v1/recordings/{id}/content"] = "GET /api/v1/recordings/{id}/download",
        };

        foreach (var operation in promised)
            Operation(paths, operation).ShouldNotBeNull($"{operation} is missing from /openapi/v1.json");
        foreach (var (alias, of) in aliases)
        {
            var documented = Operation(paths, alias);
            documented.ShouldNotBeNull($"{alias} is missing from /openapi/v1.json");
            documented.Value.GetProperty("summary").GetString().ShouldBe($"Alias of {of}");
        }
    }

    [Fact]
    public async Task Without_a_token_every_documented_endpoint_but_login_is_401()
    {
        using var client = fixture.Anonymous();

        foreach (var (method, path) in await DocumentedAsync(client))
        {
            if (Anonymous.Contains(path) || !path.StartsWith("/api/", StringComparison.Ordinal))
                continue;
            using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path));
            await Problem.ReadAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Viewers_cannot_delete_anything()
    {
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);

        var deletes = (await DocumentedAsync(viewer)).Where(o => o.Method == "DELETE").ToList();

        deletes.Count.ShouldBeGreaterThan(4);
        foreach (var (_, path) in deletes)
            await Problem.ReadAsync(await viewer.DeleteAsync(Concrete(path)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Operators_cannot_manage_users()
    {
        using var @operator = await fixture.SignedInAsync(Roles.Operator);

        var users = (await DocumentedAsync(@operator)).Where(o => o.Path.StartsWith("/api/v1/users", StringComparison.Ordinal)).ToList();

        users.Select(o => o.Method).Distinct().ShouldBe(["GET", "POST", "PUT", "DELETE"], ignoreOrder: true, customMessage: "every verb on users is covered");
        foreach (var (method, path) in users)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path))
            {
                Content = method is "POST" or "PUT" ? JsonContent("{\"username\":\"intruder\",\"password\":\"long enough password\",\"role\":\"admin\"}") : null,
            };
            await Problem.ReadAsync(await @operator.SendAsync(request), HttpStatusCode.Forbidden);
        }
        (await fixture.Users.FindByUsernameAsync("intruder")).ShouldBeNull();
    }

    /// <summary>The operation "METHOD /path" of the document's paths, or null.</summary>
    private static JsonElement? Operation(JsonElement paths, string operation)
    {
        var (method, path) = (operation[..operation.IndexOf(' ')].ToLowerInvariant(), operation[(operation.IndexOf(' ') + 1)..]);
        return paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out var found) ? found : null;
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Every (method, path template) of the served document.</summary>
    private static async Task<List<(string Method, string Path)>> DocumentedAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operations = new List<(string, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
                operations.Add((operation.Name.ToUpperInvariant(), path.Name));
        }
        return operations;
    }

    /// <summary>Route templates without constraints (<c>{id:long}</c> becomes <c>{id}</c>), as OpenAPI writes them.</summary>
    private static string Normalise(string template)
    {
        var path = "/" + template.Trim('/');
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{([^}:?]+)[^}]*\}", "{$1}");
    }

    /// <summary>A real URL for a template: every parameter 1, which need not exist (401/403 come before the lookup).</summary>
    private static string Concrete(string template) => System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", "1");
}
