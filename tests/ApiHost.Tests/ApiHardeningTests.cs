using System.Net;
using System.Net.Http.Json;
using Dapper;
using Pbx.ApiHost.Auth;
using Shouldly;
using Xunit;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// Findings of the API review, each as its attack: a page number that overflowed, NUL characters that reached PostgreSQL,
/// a body of megabytes, a caller's display name written into a CSV as a spreadsheet formula.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiHardeningTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_page_number_far_beyond_any_list_is_a_400_naming_page_not_an_overflow()
    {
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);

        var errors = await Problem.ReadValidationAsync(await viewer.GetAsync("/api/v1/calls?page=2147483647"));

        errors.ShouldContainKey("page");
    }

    [Fact]
    public async Task A_nul_character_in_a_filter_is_a_400_naming_the_parameter()
    {
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);

        var errors = await Problem.ReadValidationAsync(await viewer.GetAsync("/api/v1/calls?number=31%0001"));

        errors["number"].ShouldContain(e => e.Contains("NUL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_nul_character_in_a_json_field_is_a_400_naming_the_field()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var errors = await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "3950", displayName = "Eve\0" }));

        errors["displayName"].ShouldContain(e => e.Contains("NUL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_of_megabytes_is_refused_with_413_before_it_is_read()
    {
        using var anonymous = fixture.Anonymous();
        var name = new string('a', 2 * 1024 * 1024);

        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = name, password = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_callers_display_name_that_is_a_formula_is_exported_as_text()
    {
        await using (var connection = await fixture.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                insert into cdrs (call_id, caller, caller_name, callee, direction, started_at, duration_seconds, disposition)
                values ('hardening-formula', '3960', '=HYPERLINK("http://evil.example/","Open")', '3961', 'inbound', timestamptz '2024-05-01', 1, 'answered')
                on conflict do nothing
                """);
        }
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);

        var csv = await viewer.GetStringAsync("/api/v1/calls/export.csv?number=3960");

        var row = csv.Split("\r\n").Single(line => line.Contains("hardening-formula", StringComparison.Ordinal));
        row.ShouldContain("\"'=HYPERLINK(", customMessage: "the cell starts with an apostrophe, so a spreadsheet shows it as text");
    }
}
