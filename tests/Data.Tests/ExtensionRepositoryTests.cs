using Microsoft.Extensions.Options;
using Pbx.Data.Extensions;
using Pbx.Grains.Extensions;
using Pbx.Grains.Trunks;

namespace Pbx.Data.Tests;

public sealed class ExtensionRepositoryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ExtensionRepository _extensions =
        new(database.DataSource, Options.Create(new SipRealmOptions { Realm = "pbx" }), TimeProvider.System);

    [Fact]
    public async Task FindMany_answers_in_the_order_asked_with_null_for_unknown_numbers()
    {
        await _extensions.AddAsync("2101", "Front desk", "first secret");
        await _extensions.AddAsync("2102", password: "second secret");

        var rows = await _extensions.FindManyAsync(["2102", "2199", "2101"]);

        rows.Select(r => r?.Number).ShouldBe(["2102", null, "2101"]);
        rows[2]!.DisplayName.ShouldBe("Front desk");
        rows[2]!.Ha1Md5.ShouldBe(SipCredentialHash.Md5("2101", "pbx", "first secret"));
    }

    [Fact]
    public async Task A_password_set_by_id_is_stored_as_ha1_of_the_number_and_realm()
    {
        var created = (await _extensions.CreateAsync("2111", "", "old secret 2111", enabled: true, maxContacts: 5, CancellationToken.None))!;

        (await _extensions.SetPasswordAsync(created.Id, "new secret 2111", CancellationToken.None)).ShouldBe("2111");

        var row = (await _extensions.FindManyAsync(["2111"]))[0]!;
        row.Ha1Sha256.ShouldBe(SipCredentialHash.Sha256("2111", "pbx", "new secret 2111"));
        (await _extensions.SetPasswordAsync(long.MaxValue, "any secret", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Settings_are_merged_key_by_key_into_the_stored_document()
    {
        var created = (await _extensions.CreateAsync("2121", "", "secret 2121", enabled: true, maxContacts: 5, CancellationToken.None))!;

        await _extensions.MergeSettingsAsync(created.Id, """{"dnd": true, "voicemailPin": "1234"}""", CancellationToken.None);
        var merged = await _extensions.MergeSettingsAsync(created.Id, """{"dnd": false}""", CancellationToken.None);

        merged!.Value.Number.ShouldBe("2121");
        merged.Value.Json.ShouldContain("\"voicemailPin\": \"1234\"");
        merged.Value.Json.ShouldContain("\"dnd\": false");
    }

    [Fact]
    public async Task An_extension_without_a_row_may_dial_only_internally()
    {
        // A missing row must never open the trunks (the toll-fraud guard).
        (await _extensions.FindOutboundAsync("2199")).ShouldBe(ExtensionOutbound.Unknown);
        ExtensionOutbound.Unknown.Permission.ShouldBe(PermissionClass.Internal);
    }
}
