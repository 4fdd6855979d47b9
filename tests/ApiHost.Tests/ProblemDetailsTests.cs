using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
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
    public async Task A_field_of_the_wrong_type_is_named()
    {
        using var client = await fixture.SignedInAsync(Roles.Admin);

        var errors = await Problem.ReadValidationAsync(await client.PostAsJsonAsync("/api/v1/extensions", new { number = "1301", maxContacts = "many" }));

        errors.Keys.ShouldBe(["maxContacts"]);
    }

    [Fact]
    public async Task Every_problem_carries_a_stable_code_the_console_can_translate()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        using var anonymous = fixture.Anonymous();

        async Task<string?> CodeOf(HttpResponseMessage response, HttpStatusCode status) =>
            (await Problem.ReadAsync(response, status)).GetProperty("code").GetString();

        (await CodeOf(await admin.GetAsync("/api/v1/extensions/424243"), HttpStatusCode.NotFound)).ShouldBe("not_found");
        (await CodeOf(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody-here", password = "wrong password" }),
            HttpStatusCode.Unauthorized)).ShouldBe("auth.invalid_credentials");
        (await CodeOf(await anonymous.GetAsync("/api/v1/extensions"), HttpStatusCode.Unauthorized)).ShouldBe("auth.unauthorized");
        (await CodeOf(await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1302", maxContacts = "many" }), HttpStatusCode.BadRequest))
            .ShouldBe("validation.wrong_type");
        (await CodeOf(await admin.PostAsJsonAsync("/api/v1/extensions", new { }), HttpStatusCode.BadRequest)).ShouldBe("validation.field_required");
        (await CodeOf(await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1303", maxContacts = 1000 }), HttpStatusCode.BadRequest))
            .ShouldBe("validation.field_invalid");
        (await CodeOf(await admin.GetAsync("/api/v1/calls?number=a%00b"), HttpStatusCode.BadRequest)).ShouldBe("validation.nul_character");
        using var notJson = new StringContent("number=1304", System.Text.Encoding.UTF8, "application/json");
        (await CodeOf(await admin.PostAsync("/api/v1/extensions", notJson), HttpStatusCode.BadRequest)).ShouldBe("request.unreadable");
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
    public async Task Dashboard_counts_todays_calls_by_disposition_and_extensions()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var before = await DashboardAsync(admin);
        (await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "5501" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using (var connection = await fixture.Db.OpenConnectionAsync())
        {
            // Only this test writes CDRs for today; the others use dates in 2024.
            await connection.ExecuteAsync(
                """
                insert into cdrs (call_id, caller, callee, direction, started_at, duration_seconds, disposition) values
                ('dashboard-1', '5501', '5502', 'internal', now(), 40, 'answered'),
                ('dashboard-2', '5501', '5502', 'internal', now(), 20, 'busy')
                """);
        }

        var after = await DashboardAsync(admin);

        after.GetProperty("totalExtensions").GetInt32().ShouldBe(before.GetProperty("totalExtensions").GetInt32() + 1);
        after.GetProperty("callsToday").GetInt32().ShouldBe(2);
        after.GetProperty("callsTodayByDisposition").GetProperty("answered").GetInt32().ShouldBe(1);
        after.GetProperty("callsTodayByDisposition").GetProperty("busy").GetInt32().ShouldBe(1);
        after.GetProperty("averageDurationSecondsToday").GetDouble().ShouldBe(30);
        // No grain-backed provider is registered here, so the live figures read zero.
        after.GetProperty("registeredExtensions").GetInt32().ShouldBe(0);
        after.GetProperty("activeCalls").GetInt32().ShouldBe(0);
    }

    private static async Task<JsonElement> DashboardAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/v1/stats/dashboard")).RootElement;
}
