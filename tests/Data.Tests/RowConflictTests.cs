using Pbx.Data.DialRules;
using Pbx.Data.Trunks;

namespace Pbx.Data.Tests;

/// <summary>A write a table's rules refuse reaches the caller as <see cref="RowConflictException"/>, never as the driver's exception.</summary>
public sealed class RowConflictTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Moving_a_dial_rule_onto_another_rules_group_and_prefix_is_a_duplicate()
    {
        var rules = new DialRuleRepository(database.DataSource);
        var first = (await rules.CreateAsync(new ConfiguredDialRule { Group = "sales", Prefix = "00", Trunks = ["carrier"] }, CancellationToken.None))!;
        var second = (await rules.CreateAsync(new ConfiguredDialRule { Group = "sales", Prefix = "0", Trunks = ["carrier"] }, CancellationToken.None))!;

        var conflict = await Should.ThrowAsync<RowConflictException>(() => rules.UpdateAsync(second with { Prefix = first.Prefix }, CancellationToken.None));

        conflict.Conflict.ShouldBe(RowConflict.Duplicate);
    }

    [Fact]
    public async Task A_registering_trunk_left_without_a_password_fails_the_tables_check()
    {
        var trunks = new TrunkRepository(database.DataSource);
        var trunk = new TrunkChange
        {
            Id = "conflict-trunk", Host = "192.0.2.10", Port = 5060, Transport = "udp", RegisterExpires = 3600, MaxCalls = 30,
            CountryCode = "358", NationalPrefix = "0", InternationalPrefix = "00", CarrierFormat = "e164",
        };
        (await trunks.CreateAsync(trunk, CancellationToken.None)).ShouldNotBeNull();

        var conflict = await Should.ThrowAsync<RowConflictException>(() =>
            trunks.UpdateAsync(trunk with { Register = true, Username = "pbx" }, CancellationToken.None));

        conflict.Conflict.ShouldBe(RowConflict.CheckFailed);
    }
}
