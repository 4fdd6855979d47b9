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

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMediaNode(configuration).BuildServiceProvider();
    }
}
