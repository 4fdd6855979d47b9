using System.Net;
using System.Text.Json;
using Pbx.ApiHost.Auth;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProblemDetailsTests(ApiFixture fixture)
{
    [Fact]
    public async Task Unknown_id_is_a_404_problem_with_type_title_detail_instance_and_trace_id()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var problem = await Problem.ReadAsync(await client.GetAsync("/api/v1/extensions/424242"), HttpStatusCode.NotFound);

        problem.GetProperty("type").GetString().ShouldBe("https://tools.ietf.org/html/rfc9110#section-15.5.5");
        problem.GetProperty("detail").GetString().ShouldBe("No extension with id 424242.");
        problem.GetProperty("instance").GetString().ShouldBe("/api/v1/extensions/424242");
    }

    [Fact]
    public async Task Unknown_route_and_malformed_json_are_problems_too()
    {
        using var client = await fixture.SignedInAsync(Roles.Admin);

        await Problem.ReadAsync(await client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        using var malformed = new StringContent("{\"number\": ", System.Text.Encoding.UTF8, "application/json");
        await Problem.ReadAsync(await client.PostAsync("/api/v1/extensions", malformed), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_and_openapi_are_served_without_a_token()
    {
        using var client = fixture.Anonymous();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        document.GetProperty("paths").TryGetProperty("/api/v1/extensions", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Dashboard_counts_extensions_and_reads_live_figures()
    {
        using var client = await fixture.SignedInAsync(Roles.Viewer);

        var dashboard = JsonDocument.Parse(await client.GetStringAsync("/api/v1/stats/dashboard")).RootElement;

        dashboard.GetProperty("totalExtensions").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        dashboard.GetProperty("registeredExtensions").GetInt32().ShouldBe(0);
        dashboard.GetProperty("activeCalls").GetInt32().ShouldBe(0);
        dashboard.GetProperty("callsTodayByDisposition").ValueKind.ShouldBe(JsonValueKind.Object);
    }
}
