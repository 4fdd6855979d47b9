using System.Net;
using Pbx.MediaNode.Hosting;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>Which address an unset <c>Media:Address</c> becomes: the one a phone on the LAN most likely reaches.</summary>
public sealed class PrimaryAddressTests
{
    private static readonly HostInterface Loopback = new("lo", true, true, false, [IPAddress.Loopback, IPAddress.IPv6Loopback]);

    [Fact]
    public void The_interface_of_the_default_route_wins_over_interfaces_listed_before_it()
    {
        // A container bridge listed first must not be chosen: phones cannot reach it.
        var bridge = new HostInterface("docker0", true, false, false, [IPAddress.Parse("172.17.0.1")]);
        var lan = new HostInterface("eth0", true, false, true, [IPAddress.Parse("fe80::1"), IPAddress.Parse("192.168.1.20")]);

        var choice = PrimaryAddress.Choose([Loopback, bridge, lan]);

        choice.ShouldBe(new PrimaryAddressChoice(IPAddress.Parse("192.168.1.20"), "eth0", PrimaryAddressReason.DefaultRoute));
    }

    [Fact]
    public void Without_a_default_route_the_first_interface_up_that_is_not_loopback_is_chosen()
    {
        var down = new HostInterface("eth1", false, false, false, [IPAddress.Parse("10.0.0.5")]);
        var linkLocal = new HostInterface("eth2", true, false, false, [IPAddress.Parse("169.254.10.1")]);
        var lan = new HostInterface("eth0", true, false, false, [IPAddress.Parse("10.1.2.3")]);

        var choice = PrimaryAddress.Choose([Loopback, down, linkLocal, lan]);

        choice.ShouldBe(new PrimaryAddressChoice(IPAddress.Parse("10.1.2.3"), "eth0", PrimaryAddressReason.FirstUpInterface));
    }

    [Fact]
    public void A_default_route_interface_with_only_IPv6_gives_way_to_one_with_IPv4()
    {
        var v6Only = new HostInterface("wan0", true, false, true, [IPAddress.Parse("2001:db8::5")]);
        var lan = new HostInterface("eth0", true, false, false, [IPAddress.Parse("192.168.7.9")]);

        PrimaryAddress.Choose([v6Only, lan]).Address.ShouldBe(IPAddress.Parse("192.168.7.9"));
    }

    [Fact]
    public void With_only_loopback_up_it_is_127_0_0_1_and_says_so()
    {
        var down = new HostInterface("eth0", false, false, true, [IPAddress.Parse("192.168.1.20")]);

        var choice = PrimaryAddress.Choose([Loopback, down]);

        choice.ShouldBe(new PrimaryAddressChoice(IPAddress.Loopback, null, PrimaryAddressReason.LoopbackOnly));
    }
}
