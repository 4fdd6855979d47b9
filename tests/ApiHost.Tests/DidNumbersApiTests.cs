using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pbx.ApiHost.Apis.DidNumbers;
using Pbx.ApiHost.Auth;
using Pbx.Data.DidNumbers;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class DidNumbersApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Crud_and_duplicate_is_409()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var created = await admin.PostAsJsonAsync("/api/v1/did-numbers", new { number = "+4930111", description = "Main line" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var did = (await created.Content.ReadFromJsonAsync<DidNumber>())!;
        await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/v1/did-numbers", new { number = "+4930111" }), HttpStatusCode.Conflict);
        (await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/did-numbers", new { number = "call me" }))).Keys.ShouldBe(["number"]);

        var updated = (await (await admin.PutAsJsonAsync($"/api/v1/did-numbers/{did.Id}", new { description = "Sales line" })).Content.ReadFromJsonAsync<DidNumber>())!;
        updated.Description.ShouldBe("Sales line");
        (await admin.DeleteAsync($"/api/v1/did-numbers/{did.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await admin.GetAsync($"/api/v1/did-numbers/{did.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Route_to_an_existing_extension_is_stored_and_to_a_missing_one_is_400()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "2101" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var did = (await (await admin.PostAsJsonAsync("/api/v1/did-numbers", new { number = "+4930222" })).Content.ReadFromJsonAsync<DidNumber>())!;

        var routed = (await (await admin.PutAsJsonAsync($"/api/v1/did-numbers/{did.Id}/route", new { kind = "extension", target = "2101" })).Content.ReadFromJsonAsync<DidNumber>())!;
        routed.DestinationKind.ShouldBe("extension");
        routed.DestinationTarget.ShouldBe("2101");

        var errors = await Problem.ReadValidationAsync(await admin.PutAsJsonAsync($"/api/v1/did-numbers/{did.Id}/route", new { kind = "extension", target = "2999" }));
        errors["target"].Single().ShouldContain("2999");
        (await Problem.ReadValidationAsync(await admin.PutAsJsonAsync($"/api/v1/did-numbers/{did.Id}/route", new { kind = "fax", target = "1" }))).Keys.ShouldBe(["kind"]);
        (await admin.GetFromJsonAsync<DidNumber>($"/api/v1/did-numbers/{did.Id}"))!.DestinationTarget.ShouldBe("2101");
        var extension = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/extensions?number=2101")).GetProperty("items")[0].GetProperty("id").GetInt64();
        (await Problem.ReadAsync(await admin.DeleteAsync($"/api/v1/extensions/{extension}"), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("+4930222");

        var cleared = (await (await admin.DeleteAsync($"/api/v1/did-numbers/{did.Id}/route")).Content.ReadFromJsonAsync<DidNumber>())!;
        cleared.DestinationKind.ShouldBeNull();
    }

    [Fact]
    public async Task A_did_routes_to_an_ivr_menu_that_exists_and_a_missing_menu_is_400_naming_the_target()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var did = (await (await admin.PostAsJsonAsync("/api/v1/did-numbers", new { number = "+4930400" })).Content.ReadFromJsonAsync<DidNumber>())!;
        (await admin.PostAsJsonAsync("/api/v1/ivr-menus", new { id = "did-menu", name = "Reception", greeting = "welcome.wav" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var routed = await admin.PutAsJsonAsync($"/api/v1/did-numbers/{did.Id}/route", new { kind = "ivr", target = "did-menu" });
        var missing = await Problem.ReadValidationAsync(await admin.PutAsJsonAsync($"/api/v1/did-numbers/{did.Id}/route", new { kind = "ivr", target = "no-menu" }));

        (await routed.Content.ReadFromJsonAsync<DidNumber>())!.DestinationTarget.ShouldBe("did-menu");
        missing.Keys.ShouldBe(["target"]);
    }

    [Theory]
    [InlineData("queue")]
    [InlineData("conference")]
    public async Task Route_to_a_kind_whose_feature_does_not_exist_yet_is_400_saying_so(string kind)
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var did = (await (await admin.PostAsJsonAsync("/api/v1/did-numbers", new { number = "+4930300" + kind.Length })).Content.ReadFromJsonAsync<DidNumber>())!;

        var errors = await Problem.ReadValidationAsync(await admin.PutAsJsonAsync($"/api/v1/did-numbers/{did.Id}/route", new { kind, target = "1" }));

        errors["kind"].Single().ShouldContain("not available yet");
    }
}
