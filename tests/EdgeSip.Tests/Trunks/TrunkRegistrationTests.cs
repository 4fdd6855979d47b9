using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Tests.Hosting;
using Pbx.EdgeSip.Transport;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Trunks;

/// <summary>Outbound registration against sipp playing the carrier's registrar, which challenges every REGISTER with 401.</summary>
public sealed class TrunkRegistrationTests
{
    [Fact]
    public async Task Trunk_registers_with_digest_and_refreshes_through_a_new_challenge()
    {
        await using var carrier = SippCarrier.Start("carrier-registrar.xml");
        await using var edge = await EdgeHost.StartAsync();
        var registration = Registration(edge, carrier, "trunkpass");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var first = await registration.RegisterAsync(TimeSpan.FromSeconds(600), timeout.Token);
        var refresh = await registration.RegisterAsync(TimeSpan.FromSeconds(600), timeout.Token);

        first.Registered.ShouldBeTrue(first.Reason);
        // The carrier granted less than asked (RFC 3261 10.2.4): the refresh timer must follow the grant.
        first.Granted.ShouldBe(TimeSpan.FromSeconds(2));
        refresh.Registered.ShouldBeTrue(refresh.Reason);
        var (exitCode, output) = await carrier.WaitAsync();
        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public async Task Wrong_password_fails_with_the_carriers_status_after_one_answer()
    {
        await using var carrier = SippCarrier.Start("carrier-registrar.xml");
        await using var edge = await EdgeHost.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var outcome = await Registration(edge, carrier, "wrong").RegisterAsync(TimeSpan.FromSeconds(600), timeout.Token);

        outcome.Registered.ShouldBeFalse();
        outcome.Reason.ShouldBe("403 Forbidden");
    }

    private static TrunkRegistration Registration(EdgeHost edge, SippCarrier carrier, string password) => new(
        edge.Services.GetRequiredService<SipClient>(), edge.Transports,
        new TrunkEndpoint("carrier-a", "carrier.test", new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, carrier.Port))),
        new TrunkSecret("trunkuser", password));
}
