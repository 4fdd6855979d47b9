using System.Net;
using Microsoft.Extensions.Options;
using Pbx.Silo.Startup;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests.Startup;

/// <summary>Who may scrape /metrics: loopback by default, the configured networks otherwise, a typo stops start-up.</summary>
public sealed class MetricsAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.53", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("192.168.1.20", false)]
    [InlineData("10.0.0.5", false)]
    public void By_default_only_this_machine_may_scrape(string remote, bool allowed) =>
        MetricsAccess.From(null).Allows(IPAddress.Parse(remote)).ShouldBe(allowed);

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.2.0.1", false)]
    [InlineData("127.0.0.1", false)]
    public void Configured_networks_replace_the_default(string remote, bool allowed) =>
        MetricsAccess.From(["10.1.0.0/16"]).Allows(IPAddress.Parse(remote)).ShouldBe(allowed);

    [Fact]
    public void A_network_that_does_not_parse_names_the_key()
    {
        var error = Should.Throw<OptionsValidationException>(() => MetricsAccess.From(["10.1.0.0/33"]));
        error.Message.ShouldContain("Metrics:AllowFrom");
    }

    [Fact]
    public void An_unknown_remote_address_is_refused() => MetricsAccess.From(null).Allows(null).ShouldBeFalse();
}
