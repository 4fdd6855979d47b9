using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Auth;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class ExtensionsApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Create_get_update_delete_round_trip()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var created = await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1201", displayName = "Reception", password = "sip secret 1", maxContacts = 3 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<ExtensionCreated>())!;
        body.GeneratedPassword.ShouldBeNull();
        body.Extension.Number.ShouldBe("1201");
        body.Extension.Realm.ShouldBe("pbx");
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/extensions/{body.Extension.Id}");

        var fetched = (await admin.GetFromJsonAsync<Extension>($"/api/v1/extensions/{body.Extension.Id}"))!;
        fetched.ShouldBe(body.Extension);

        var updated = await admin.PutAsJsonAsync($"/api/v1/extensions/{fetched.Id}", new { displayName = "Front desk", enabled = false });
        var afterUpdate = (await updated.Content.ReadFromJsonAsync<Extension>())!;
        afterUpdate.DisplayName.ShouldBe("Front desk");
        afterUpdate.Enabled.ShouldBeFalse();
        afterUpdate.MaxContacts.ShouldBe(3);

        (await admin.DeleteAsync($"/api/v1/extensions/{fetched.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await admin.GetAsync($"/api/v1/extensions/{fetched.Id}"), HttpStatusCode.NotFound);
        await Problem.ReadAsync(await admin.DeleteAsync($"/api/v1/extensions/{fetched.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_number_is_409()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1202" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var problem = await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1202" }), HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString()!.ShouldContain("1202");
    }

    [Fact]
    public async Task Invalid_fields_are_400_naming_each_field()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var errors = await Problem.ReadValidationAsync(
            await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "12 03", password = "short", maxContacts = 0, displayName = new string('x', 101) }));

        errors.Keys.ShouldBe(["number", "password", "maxContacts", "displayName"], ignoreOrder: true);
        errors["maxContacts"].Single().ShouldContain("between 1 and 100");
    }

    [Fact]
    public async Task Only_HA1_is_stored_and_a_generated_password_is_returned_once()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var created = (await (await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1204" })).Content.ReadFromJsonAsync<ExtensionCreated>())!;

        var generated = created.GeneratedPassword.ShouldNotBeNull();
        generated.Length.ShouldBe(ExtensionsApi.GeneratedPasswordLength);
        await AssertHa1Async("1204", generated);
        (await admin.GetStringAsync($"/api/v1/extensions/{created.Extension.Id}")).ShouldNotContain(generated);

        (await admin.PostAsJsonAsync($"/api/v1/extensions/{created.Extension.Id}/password", new { password = "changed secret" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await AssertHa1Async("1204", "changed secret");

        await using var connection = await fixture.Db.OpenConnectionAsync();
        var columns = await connection.QueryAsync<string>("select column_name from information_schema.columns where table_name = 'extensions'");
        columns.ShouldNotContain(c => c.Contains("password"));
    }

    [Fact]
    public async Task List_filters_by_number_prefix_and_name_and_pages_with_total()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        foreach (var (number, name) in new[] { ("7301", "Sales Alice"), ("7302", "Sales Bob"), ("7303", "Support Carol"), ("7401", "Sales Dan") })
            (await admin.PostAsJsonAsync("/api/v1/extensions", new { number, displayName = name })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/extensions?number=73&name=sales&page=2&pageSize=1");

        page.GetProperty("total").GetInt64().ShouldBe(2);
        page.GetProperty("page").GetInt32().ShouldBe(2);
        page.GetProperty("pageSize").GetInt32().ShouldBe(1);
        page.GetProperty("items").EnumerateArray().Single().GetProperty("number").GetString().ShouldBe("7302");
        (await Problem.ReadValidationAsync(await admin.GetAsync("/api/v1/extensions?page=0&pageSize=1000"))).Keys.ShouldBe(["page", "pageSize"], ignoreOrder: true);
    }

    [Fact]
    public async Task Settings_are_validated_stored_and_read_back()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var id = (await (await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1205" })).Content.ReadFromJsonAsync<ExtensionCreated>())!.Extension.Id;

        var defaults = (await admin.GetFromJsonAsync<ExtensionSettings>($"/api/v1/extensions/{id}/settings"))!;
        defaults.ShouldBe(new ExtensionSettings());

        var wanted = new ExtensionSettings { ForwardBusy = "1206", ForwardNoAnswer = "+15551234", NoAnswerSeconds = 30, Dnd = true, CallWaiting = false };
        (await admin.PutAsJsonAsync($"/api/v1/extensions/{id}/settings", wanted)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<ExtensionSettings>($"/api/v1/extensions/{id}/settings")).ShouldBe(wanted);

        var errors = await Problem.ReadValidationAsync(
            await admin.PutAsJsonAsync($"/api/v1/extensions/{id}/settings", new { forwardAlways = "not a number!", noAnswerSeconds = 1 }));
        errors.Keys.ShouldBe(["forwardAlways", "noAnswerSeconds"], ignoreOrder: true);
        await Problem.ReadAsync(await admin.GetAsync("/api/v1/extensions/999999/settings"), HttpStatusCode.NotFound);
    }

    private async Task AssertHa1Async(string number, string password)
    {
        await using var connection = await fixture.Db.OpenConnectionAsync();
        var (md5, sha256) = await connection.QuerySingleAsync<(string, string)>(
            "select ha1_md5, ha1_sha256 from extensions where number = @number", new { number });
        md5.ShouldBe(SipCredentialHash.Md5(number, "pbx", password));
        sha256.ShouldBe(SipCredentialHash.Sha256(number, "pbx", password));
    }
}
