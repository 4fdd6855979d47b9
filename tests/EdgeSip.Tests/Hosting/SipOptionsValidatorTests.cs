using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Hosting;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Hosting;

public sealed class SipOptionsValidatorTests
{
    [Theory]
    [InlineData("Sip:Udp:0", "localhost", "Sip:Udp:0 is 'localhost'")]
    [InlineData("Sip:Tcp:0", "10.0.0.1", "Sip:Tcp:0 is '10.0.0.1'")]
    [InlineData("Sip:Timers:T1", "00:00:00", "Sip:Timers:T1")]
    [InlineData("Sip:Realm", " ", "Sip:Realm")]
    [InlineData("Sip:Tls:0", "pbx.example.com:5061", "Sip:Tls:0 is 'pbx.example.com:5061'")]
    [InlineData("Sip:Certificate:KeyPath", "/etc/pbx/key.pem", "Sip:Certificate:KeyPath is set without Sip:Certificate:Path")]
    [InlineData("Sip:Certificate:CheckInterval", "00:00:00", "Sip:Certificate:CheckInterval")]
    public async Task A_bad_setting_stops_the_host_and_names_the_key(string key, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Udp:0"] = "127.0.0.1:0",
            ["Sip:Tcp:0"] = "127.0.0.1:0",
            [key] = value,
        });
        builder.Services.AddEdgeSip(builder.Configuration);
        using var host = builder.Build();
        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());
        error.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0:5061")]
    [InlineData("[::]", "[::]:5061")]
    [InlineData("::", "[::]:5061")]
    [InlineData("192.168.1.20:5071", "192.168.1.20:5071")]
    [InlineData("[::]:5071", "[::]:5071")]
    [InlineData("127.0.0.1:0", "127.0.0.1:0")]
    public void A_TLS_address_without_a_port_listens_on_5061(string configured, string expected)
    {
        // RFC 3261 26.2.1: 5061 is SIP over TLS's port, as 5060 is UDP's and TCP's.
        new SipOptions { Tls = [configured] }.TlsEndPoints().ShouldHaveSingleItem().ToString().ShouldBe(expected);
    }

    [Fact]
    public void Timers_bind_from_the_sip_timers_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Timers:T1"] = "00:00:00.100",
            ["Sip:Timers:T2"] = "00:00:01",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddEdgeSip(configuration).BuildServiceProvider();
        var timers = services.GetRequiredService<IOptions<Pbx.EdgeSip.Transactions.SipTimerOptions>>().Value;
        timers.T1.ShouldBe(TimeSpan.FromMilliseconds(100));
        timers.TransactionTimeout.ShouldBe(TimeSpan.FromMilliseconds(6400));
        timers.T4.ShouldBe(TimeSpan.FromSeconds(5));
    }
}
