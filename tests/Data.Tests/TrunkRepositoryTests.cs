using Pbx.Data.Trunks;
using Pbx.Grains.Trunks;

namespace Pbx.Data.Tests;

/// <summary>The reads call grains route by and the edge registers with, from rows the API's writes made.</summary>
public sealed class TrunkRepositoryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly TrunkRepository _trunks = new(database.DataSource);

    [Fact]
    public async Task An_enabled_trunk_reads_back_as_call_control_and_registration_use_it()
    {
        await _trunks.CreateAsync(new TrunkChange
        {
            Id = "routing-trunk", Enabled = true, Host = "192.0.2.20", Port = 5070, Transport = "tcp", Username = "pbx", Realm = "carrier",
            PasswordGiven = true, Ha1Md5 = "0123456789abcdef0123456789abcdef", Register = true, RegisterExpires = 600,
            AllowedNetworks = ["198.51.100.0/24"], Codecs = ["PCMU"], MaxCalls = 4, Privacy = true,
            CountryCode = "358", NationalPrefix = "0", InternationalPrefix = "00", NationalLength = 9, CarrierFormat = "national",
        }, CancellationToken.None);

        var settings = (await _trunks.FindEnabledAsync("routing-trunk"))!;
        settings.Plan.ShouldBe(new NumberPlan("358", "0", "00", 9, CarrierFormat: CarrierNumberFormat.National));
        settings.Codecs.ShouldBe(["PCMU"]);
        (settings.Port, settings.Transport, settings.MaxCalls, settings.Privacy).ShouldBe((5070, "tcp", 4, true));

        var registration = (await _trunks.ListRegisteringAsync(CancellationToken.None)).Single(r => r.TrunkId == "routing-trunk");
        registration.Expires.ShouldBe(TimeSpan.FromMinutes(10));
        registration.UpdatedAt.Offset.ShouldBe(TimeSpan.Zero);

        (await _trunks.ListSourcesAsync()).Single(s => s.Id == "routing-trunk").AllowedNetworks.ShouldBe(["198.51.100.0/24"]);
        (await _trunks.FindCredentialsAsync("routing-trunk", CancellationToken.None))
            .ShouldBe(new TrunkCredentials("pbx", "carrier", "0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task A_disabled_trunk_routes_no_call()
    {
        await _trunks.CreateAsync(new TrunkChange
        {
            Id = "disabled-trunk", Host = "192.0.2.21", Port = 5060, Transport = "udp", RegisterExpires = 3600, MaxCalls = 30,
            CountryCode = "358", NationalPrefix = "0", InternationalPrefix = "00", CarrierFormat = "e164",
        }, CancellationToken.None);

        (await _trunks.FindEnabledAsync("disabled-trunk")).ShouldBeNull();
    }
}
