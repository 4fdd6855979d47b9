using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pbx.Grains.Media;
using Pbx.MediaNode.Hosting;

namespace Pbx.MediaNode.Tests.Engine;

public sealed class MediaOptionsTests
{
    [Fact]
    public async Task AddMediaNode_binds_the_media_section_and_serves_the_control_interface()
    {
        await using var services = Build(new() { ["Media:Address"] = "127.0.0.1", ["Media:BindAddress"] = "127.0.0.1", ["Media:RtpPortMin"] = "31000", ["Media:RtpPortMax"] = "31009" });

        var control = services.GetRequiredService<IMediaNode>();
        var allocation = await control.AllocateAsync("c1", new RecordingObserver());

        allocation.Succeeded.ShouldBeTrue(allocation.Reason);
        allocation.RtpPort.ShouldBeInRange(31000, 31008);
        allocation.Address.ShouldBe("127.0.0.1");
        await control.ReleaseAsync(allocation.EndpointId);
    }

    [Theory]
    [InlineData("Media:Address", "0.0.0.0", "Media:Address")]
    [InlineData("Media:RtpPortMin", "80", "Media:RtpPortMin")]
    [InlineData("Media:RtpPortMax", "9000", "Media:RtpPortMax")]
    [InlineData("Media:MediaTimeout", "00:00:00", "Media:MediaTimeout")]
    [InlineData("Media:TonePlan", "Mars", "Media:TonePlan")]
    public async Task Invalid_settings_fail_at_start_naming_the_key(string key, string value, string named)
    {
        await using var services = Build(new() { [key] = value });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<MediaOptions>>().Value)
            .Message.ShouldContain(named);
    }

    [Theory]
    [InlineData("10000", "9000", "Media:RtpPortMax (9000) is below Media:RtpPortMin (10000)")]
    [InlineData("10000", "10000", "Media:RtpPortMax (10000) leaves no even/odd port pair")]
    [InlineData("10001", "10002", "set Media:RtpPortMax to at least 10003")]
    public async Task A_port_range_without_an_RTP_pair_fails_at_start_naming_the_key_to_change(string min, string max, string named)
    {
        await using var services = Build(new() { ["Media:RtpPortMin"] = min, ["Media:RtpPortMax"] = max });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<MediaOptions>>().Value)
            .Message.ShouldContain(named);
    }

    [Fact]
    public async Task An_odd_RtpPortMin_with_room_for_a_pair_starts_at_the_next_even_port()
    {
        await using var services = Build(new() { ["Media:BindAddress"] = "127.0.0.1", ["Media:RtpPortMin"] = "31101", ["Media:RtpPortMax"] = "31103" });

        var control = services.GetRequiredService<IMediaNode>();
        var allocation = await control.AllocateAsync("c-odd", new RecordingObserver());

        allocation.Succeeded.ShouldBeTrue(allocation.Reason);
        allocation.RtpPort.ShouldBe(31102);
        await control.ReleaseAsync(allocation.EndpointId);
    }

    [Theory]
    [InlineData("127.0.0.1", "192.0.2.10")]
    [InlineData("192.0.2.10", "127.0.0.1")]
    public async Task Sockets_bound_where_the_advertised_address_cannot_arrive_fail_at_start_naming_both_keys(string bind, string address)
    {
        await using var services = Build(new() { ["Media:BindAddress"] = bind, ["Media:Address"] = address });

        var message = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<MediaOptions>>().Value).Message;

        message.ShouldContain($"Media:BindAddress is {bind} but Media:Address is {address}");
    }

    [Fact]
    public async Task An_unset_address_is_the_bind_address_when_the_sockets_are_bound_to_one()
    {
        await using var services = Build(new() { ["Media:BindAddress"] = "127.0.0.1" });

        services.GetRequiredService<IOptions<MediaOptions>>().Value.Address.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task An_unset_address_with_sockets_on_every_interface_is_the_hosts_primary_address_not_loopback_by_default()
    {
        await using var services = Build(new());

        var address = services.GetRequiredService<IOptions<MediaOptions>>().Value.Address;

        // What this machine's interfaces say, read the same way; on a host with a LAN that is not 127.0.0.1.
        address.ShouldBe(HostNetwork.Primary().Address.ToString());
        if (HostNetwork.Primary().Reason != PrimaryAddressReason.LoopbackOnly)
            address.ShouldNotBe("127.0.0.1");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMediaNode(configuration).BuildServiceProvider();
    }
}
