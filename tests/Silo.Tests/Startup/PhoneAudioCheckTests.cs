using System.Net;
using Pbx.MediaNode.Hosting;
using Pbx.Silo.Startup;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests.Startup;

/// <summary>SIP and media settings that would let phones ring but hear nothing.</summary>
public sealed class PhoneAudioCheckTests
{
    private static readonly PrimaryAddressChoice Lan = new(IPAddress.Parse("192.168.1.20"), "eth0", PrimaryAddressReason.DefaultRoute);
    private static readonly PrimaryAddressChoice LoopbackOnly = new(IPAddress.Loopback, null, PrimaryAddressReason.LoopbackOnly);

    [Fact]
    public void Loopback_media_with_SIP_on_a_LAN_address_stops_start_up_naming_both_keys()
    {
        SipListener[] listeners = [new("Sip:Udp:0", IPEndPoint.Parse("192.168.1.20:5060")), new("Sip:Tcp:0", IPEndPoint.Parse("127.0.0.1:5060"))];

        var problem = PhoneAudioCheck.Check(listeners, IPAddress.Loopback, Lan).ShouldHaveSingleItem();

        problem.StopsStartup.ShouldBeTrue();
        problem.Message.ShouldStartWith("Media:Address is 127.0.0.1 (loopback) but SIP listens on 192.168.1.20:5060 (Sip:Udp:0)");
        problem.Message.ShouldNotContain("Sip:Tcp:0");
    }

    [Fact]
    public void Loopback_media_with_SIP_on_every_interface_is_a_warning_that_names_the_LAN_address()
    {
        SipListener[] listeners = [new("Sip:Udp", IPEndPoint.Parse("0.0.0.0:5060")), new("Sip:Udp", IPEndPoint.Parse("[::]:5060")), new("Sip:Tcp", IPEndPoint.Parse("0.0.0.0:5060"))];

        var problem = PhoneAudioCheck.Check(listeners, IPAddress.Loopback, Lan).ShouldHaveSingleItem();

        problem.StopsStartup.ShouldBeFalse();
        problem.Message.ShouldContain("every interface (Sip:Udp, Sip:Tcp)");
        problem.Message.ShouldContain("Set Media:Address to 192.168.1.20");
    }

    [Fact]
    public void Nothing_is_reported_when_phones_can_reach_the_media_or_only_this_machine_is_served()
    {
        SipListener[] everywhere = [new("Sip:Udp", IPEndPoint.Parse("0.0.0.0:5060"))];
        SipListener[] local = [new("Sip:Udp:0", IPEndPoint.Parse("127.0.0.1:5060"))];

        PhoneAudioCheck.Check(everywhere, IPAddress.Parse("192.168.1.20"), Lan).ShouldBeEmpty();
        PhoneAudioCheck.Check(local, IPAddress.Loopback, Lan).ShouldBeEmpty();
        PhoneAudioCheck.Check(everywhere, IPAddress.Loopback, LoopbackOnly).ShouldBeEmpty();
    }
}
