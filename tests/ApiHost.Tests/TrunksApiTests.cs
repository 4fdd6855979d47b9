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
            id = "carrier-a", host = "sip.carrier.example", username = "0912345678", password = "s3cret-trunk", register = true,
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

        var updated = (await (await admin.PutAsJsonAsync("/api/v1/trunks/carrier-a", new { body.host, body.username, body.register, body.countryCode, body.nationalLength, body.allowedNetworks, maxCalls = 8 }))
            .Content.ReadFromJsonAsync<Trunk>())!;
        updated.MaxCalls.ShouldBe(8);
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
        errors.Keys.Order().ShouldBe(["allowedNetworks", "countryCode", "host", "id", "password", "transport", "username"]);

        using var viewer = await fixture.SignedInAsync(Roles.Viewer);
        (await viewer.PostAsJsonAsync("/api/v1/trunks", new { id = "x", host = "h", countryCode = "1" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.GetAsync("/api/v1/trunks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
