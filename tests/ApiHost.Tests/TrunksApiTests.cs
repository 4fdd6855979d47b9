using System.Net;
using System.Net.Http.Json;
using Dapper;
using Pbx.ApiHost.Apis.Trunks;
using Pbx.ApiHost.Auth;
using Pbx.Data.Trunks;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class TrunksApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Crud_keeps_the_password_encrypted_and_never_returns_it()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var body = new
        {
            id = "carrier-a", host = "sip.carrier.example", username = "0912345678", password = "s3cret-trunk", realm = "carrier.example", register = true,
            countryCode = "358", nationalLength = 9, allowedNetworks = new[] { "192.0.2.0/24" }, maxCalls = 4,
        };

        var created = await admin.PostAsJsonAsync("/api/v1/trunks", body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var text = await created.Content.ReadAsStringAsync();
        text.ShouldNotContain("s3cret-trunk");
        var trunk = (await created.Content.ReadFromJsonAsync<Trunk>())!;
        trunk.HasPassword.ShouldBeTrue();
        trunk.AllowedNetworks.ShouldBe(["192.0.2.0/24"]);
        await using var db = await fixture.Db.OpenConnectionAsync();
        var stored = await db.QuerySingleAsync<string>("select password_protected from trunks where id = 'carrier-a'");
        stored.ShouldNotContain("s3cret-trunk");
        await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/v1/trunks", body), HttpStatusCode.Conflict);

        var updated = (await (await admin.PutAsJsonAsync("/api/v1/trunks/carrier-a", new { maxCalls = 8 }))
            .Content.ReadFromJsonAsync<Trunk>())!;
        updated.MaxCalls.ShouldBe(8);
        updated.AllowedNetworks.ShouldBe(["192.0.2.0/24"], "a PUT keeps the fields it does not name");
        updated.HasPassword.ShouldBeTrue("a PUT without a password keeps the stored one");
        (await db.QuerySingleAsync<string>("select password_protected from trunks where id = 'carrier-a'")).ShouldBe(stored);

        (await admin.DeleteAsync("/api/v1/trunks/carrier-a")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await admin.GetAsync("/api/v1/trunks/carrier-a"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ha1_only_storage_keeps_no_password_at_all()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        (await admin.PostAsJsonAsync("/api/v1/trunks", new
        {
            id = "carrier-ha1", host = "sip.carrier.example", username = "u", password = "p", realm = "carrier.example", storeHa1Only = true,
            register = true, countryCode = "358",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using var db = await fixture.Db.OpenConnectionAsync();
        var row = await db.QuerySingleAsync<(string? Protected, string Ha1)>(
            "select password_protected, ha1_md5 from trunks where id = 'carrier-ha1'");
        row.Protected.ShouldBeNull();
        row.Ha1.ShouldBe(TrunkPasswordProtector.Ha1Md5("u", "carrier.example", "p"));
    }

    [Fact]
    public async Task Bad_fields_are_400_naming_each_and_viewers_cannot_change_trunks()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var errors = await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/trunks", new
        {
            id = "Carrier A", host = "", transport = "sctp", countryCode = "+358", allowedNetworks = new[] { "somewhere" }, register = true,
        }));
        errors.Keys.Order().ShouldBe(["allowedNetworks", "countryCode", "host", "id", "password", "realm", "transport", "username"]);

        using var viewer = await fixture.SignedInAsync(Roles.Viewer);
        (await viewer.PostAsJsonAsync("/api/v1/trunks", new { id = "x", host = "h", countryCode = "1" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.GetAsync("/api/v1/trunks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_registering_trunk_without_a_realm_is_refused_naming_the_realm_since_it_could_never_register()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/trunks", new
        {
            id = "carrier-norealm", host = "sip.carrier.example", username = "u", password = "p", register = true, countryCode = "998",
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("code").GetString().ShouldBe("trunk.realm_required");
        problem.GetProperty("fieldCodes").GetProperty("realm")[0].GetString().ShouldBe("trunk.realm_required");
        problem.GetProperty("errors").GetProperty("realm")[0].GetString()!.ShouldContain("realm");
        (await admin.GetAsync("/api/v1/trunks/carrier-norealm")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_given_and_null_puts_one_back_to_its_default()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/trunks", new
        {
            id = "carrier-patch", host = "sip.carrier.example", port = 5080, transport = "tcp", maxCalls = 7, countryCode = "998",
            description = "Main carrier", codecs = new[] { "PCMU" },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var patched = await admin.PatchAsync("/api/v1/trunks/carrier-patch", JsonContent.Create(new { description = "Backup carrier", port = (int?)null }));

        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var trunk = (await admin.GetFromJsonAsync<Trunk>("/api/v1/trunks/carrier-patch"))!;
        trunk.Description.ShouldBe("Backup carrier");
        trunk.Port.ShouldBe(5060, "null puts the port back to its default");
        trunk.Transport.ShouldBe("tcp");
        trunk.MaxCalls.ShouldBe(7);
        trunk.Codecs.ShouldBe(["PCMU"]);

        // What GET shows may be sent back whole, read-only members included.
        var readBack = await admin.PutAsJsonAsync("/api/v1/trunks/carrier-patch", trunk with { MaxCalls = 9 });
        readBack.StatusCode.ShouldBe(HttpStatusCode.OK, await readBack.Content.ReadAsStringAsync());
        (await admin.GetFromJsonAsync<Trunk>("/api/v1/trunks/carrier-patch"))!.MaxCalls.ShouldBe(9);
    }

    [Fact]
    public async Task Patch_refuses_a_field_that_a_trunk_does_not_have_and_a_value_of_the_wrong_type()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/trunks", new { id = "carrier-typo", host = "sip.carrier.example", countryCode = "998" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var unknown = await Problem.ReadAsync(await admin.PatchAsync("/api/v1/trunks/carrier-typo", JsonContent.Create(new { maxCall = 3 })), HttpStatusCode.BadRequest);
        unknown.GetProperty("fieldCodes").GetProperty("maxCall")[0].GetString().ShouldBe("validation.unknown_field");
        var wrongType = await Problem.ReadAsync(await admin.PatchAsync("/api/v1/trunks/carrier-typo", JsonContent.Create(new { maxCalls = "many" })), HttpStatusCode.BadRequest);
        wrongType.GetProperty("fieldCodes").GetProperty("maxCalls")[0].GetString().ShouldBe("validation.wrong_type");
        (await admin.GetFromJsonAsync<Trunk>("/api/v1/trunks/carrier-typo"))!.MaxCalls.ShouldBe(30);
        await Problem.ReadAsync(await admin.PatchAsync("/api/v1/trunks/nowhere", JsonContent.Create(new { maxCalls = 3 })), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_realm_recomputes_the_ha1_from_the_stored_password_or_asks_for_the_password_when_only_the_ha1_is_kept()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/v1/trunks", new
        {
            id = "carrier-realm", host = "sip.carrier.example", username = "u", password = "p", realm = "old.example", register = true, countryCode = "998",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/v1/trunks", new
        {
            id = "carrier-realm-ha1", host = "sip.carrier.example", username = "u", password = "p", realm = "old.example", storeHa1Only = true,
            register = true, countryCode = "998",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await admin.PatchAsync("/api/v1/trunks/carrier-realm", JsonContent.Create(new { realm = "new.example" }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ha1Only = await Problem.ReadAsync(
            await admin.PatchAsync("/api/v1/trunks/carrier-realm-ha1", JsonContent.Create(new { realm = "new.example" })), HttpStatusCode.BadRequest);

        await using var db = await fixture.Db.OpenConnectionAsync();
        (await db.QuerySingleAsync<string>("select ha1_md5 from trunks where id = 'carrier-realm'")).ShouldBe(TrunkPasswordProtector.Ha1Md5("u", "new.example", "p"));
        ha1Only.GetProperty("fieldCodes").GetProperty("password")[0].GetString().ShouldBe("trunk.password_required");
        (await db.QuerySingleAsync<string>("select realm from trunks where id = 'carrier-realm-ha1'")).ShouldBe("old.example");
    }
}
