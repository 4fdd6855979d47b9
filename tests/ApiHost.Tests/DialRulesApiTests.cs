using System.Net;
using System.Net.Http.Json;
using Pbx.ApiHost.Apis.DialRules;
using Pbx.ApiHost.Apis.Extensions;
using Pbx.ApiHost.Auth;
using Pbx.Data.DialRules;
using Pbx.Data.Extensions;

namespace Pbx.ApiHost.Tests;

[Collection(ApiCollection.Name)]
public sealed class DialRulesApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task Dial_rules_crud_with_ordered_trunks_and_409_on_a_duplicate_prefix()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        foreach (var id in new[] { "rules-a", "rules-b" })
            (await admin.PostAsJsonAsync("/api/v1/trunks", new { id, host = "sip.carrier.example", countryCode = "358" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = new { group = "sales", prefix = "9", strip = 1, prepend = "", trunks = new[] { "rules-b", "rules-a" } };

        var created = await admin.PostAsJsonAsync("/api/v1/dial-rules", body);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var rule = (await created.Content.ReadFromJsonAsync<ConfiguredDialRule>())!;
        (rule.Group, rule.Prefix, rule.Strip).ShouldBe(("sales", "9", 1));
        rule.Trunks.ShouldBe(["rules-b", "rules-a"], "the order is the failover order");
        await Problem.ReadAsync(await admin.PostAsJsonAsync("/api/v1/dial-rules", body), HttpStatusCode.Conflict);
        var updated = (await (await admin.PutAsJsonAsync($"/api/v1/dial-rules/{rule.Id}", body with { trunks = ["rules-a"] }))
            .Content.ReadFromJsonAsync<ConfiguredDialRule>())!;
        updated.Trunks.ShouldBe(["rules-a"]);
        (await admin.GetFromJsonAsync<ConfiguredDialRule>($"/api/v1/dial-rules/{rule.Id}"))!.Trunks.ShouldBe(["rules-a"]);
        (await admin.DeleteAsync($"/api/v1/dial-rules/{rule.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Problem.ReadAsync(await admin.GetAsync($"/api/v1/dial-rules/{rule.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_rule_is_400_naming_each_field_and_unknown_trunks()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);

        var errors = await Problem.ReadValidationAsync(await admin.PostAsJsonAsync("/api/v1/dial-rules", new
        {
            group = "no spaces", prefix = "9x", strip = 40, prepend = "abc", trunks = new[] { "no-such-trunk" },
        }));

        errors.Keys.Order().ShouldBe(["group", "prefix", "prepend", "strip", "trunks"]);
    }

    [Fact]
    public async Task Extension_outbound_settings_and_limits_are_read_and_replaced_with_400_naming_a_bad_field()
    {
        using var admin = await fixture.SignedInAsync(Roles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/v1/extensions", new { number = "1288", password = "sip secret 88" }))
            .Content.ReadFromJsonAsync<ExtensionCreated>();
        var path = $"/api/v1/extensions/{created!.Extension.Id}/outbound";

        (await admin.GetFromJsonAsync<ExtensionOutboundSettings>(path)).ShouldBe(new ExtensionOutboundSettings("default", "national", null));
        var replaced = await admin.PutAsJsonAsync(path, new { group = "sales", permissionClass = "international", outboundCallerId = "+358912345678" });

        (await replaced.Content.ReadFromJsonAsync<ExtensionOutboundSettings>()).ShouldBe(new ExtensionOutboundSettings("sales", "international", "+358912345678"));
        var errors = await Problem.ReadValidationAsync(await admin.PutAsJsonAsync(path, new { group = "sales", permissionClass = "everything" }));
        errors.Keys.ShouldBe(["permissionClass"]);
        var limited = await admin.PutAsJsonAsync(path, new
        {
            group = "sales", permissionClass = "national", maxOutboundCalls = 1, outboundCallsPerHour = 0, outboundMinutesPerDay = 30,
        });
        (await limited.Content.ReadFromJsonAsync<ExtensionOutboundSettings>())
            .ShouldBe(new ExtensionOutboundSettings("sales", "national", null, MaxOutboundCalls: 1, OutboundCallsPerHour: 0, OutboundMinutesPerDay: 30));
        var badLimits = await Problem.ReadValidationAsync(await admin.PutAsJsonAsync(path, new
        {
            group = "sales", permissionClass = "national", maxOutboundCalls = -1, outboundMinutesPerDay = 2_000_000,
        }));
        badLimits.Keys.Order().ShouldBe(["maxOutboundCalls", "outboundMinutesPerDay"]);
        await Problem.ReadAsync(await admin.GetAsync("/api/v1/extensions/999999/outbound"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_dial_test_with_a_bad_number_and_no_extension_is_400_naming_both()
    {
        using var viewer = await fixture.SignedInAsync(Roles.Viewer);

        var errors = await Problem.ReadValidationAsync(await viewer.PostAsJsonAsync("/api/v1/dial-rules/test", new { number = "09 12", extension = "" }));

        errors.Keys.Order().ShouldBe(["extension", "number"]);
    }
}
