using System.Net;
using Pbx.EdgeSip.Transport;
using Pbx.EdgeSip.Trunks;
using Pbx.Grains.Live;
using Pbx.Grains.Trunks;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Trunks;

/// <summary>The registration loop with the real trunk grain: refresh before expiry, failure and back-off, recovery, live events.</summary>
public sealed class TrunkRegistrationLoopTests
{
    [Fact]
    public async Task Registration_refreshes_fails_when_the_carrier_stops_and_recovers_when_it_restarts()
    {
        await using var host = await TrunkHost.StartAsync(PostgresServer.Shared.CreateDatabase("trunkreg"));
        using var events = host.LiveEvents.Subscribe([TrunkGrain.TrunkTopic]);
        // The carrier grants 2 s, answers the register and one refresh, then its process ends: a carrier going down.
        var first = SippCarrier.Start("carrier-registrar.xml");
        await using var firstCarrier = first;
        var trunk = host.Grains.GetGrain<ITrunkGrain>("carrier-a");
        var registration = new TrunkRegistration(host.Client, host.Transports,
            new TrunkEndpoint("carrier-a", "carrier.test", new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, first.Port))),
            new TrunkSecret("trunkuser", "trunkpass"));
        using var stop = new CancellationTokenSource();
        var loop = new TrunkRegistrationLoop(registration, trunk, TimeSpan.FromSeconds(600), TimeProvider.System).RunAsync(stop.Token);

        (await NextAsync(events, "registered")).Kind.ShouldBe("registered");
        (await first.WaitAsync()).ExitCode.ShouldBe(0, "the carrier saw a REGISTER and a refresh, both with a valid digest");

        var failed = await NextAsync(events, "registration-failed");
        failed.Data.GetProperty("state").GetString().ShouldBe("failed");
        (await trunk.GetStatusAsync()).Phase.ShouldBe(TrunkRegistrationPhase.Failed);

        // The carrier comes back on the same address: the next back-off attempt registers again.
        await using var second = SippCarrier.Start("carrier-registrar.xml", first.Port);
        await NextAsync(events, "registered");
        var status = await trunk.GetStatusAsync();
        status.Phase.ShouldBe(TrunkRegistrationPhase.Registered);
        status.FailureReason.ShouldBeNull();
        status.ExpiresAt.ShouldNotBeNull();

        // Stopping un-registers (expires 0) through the carrier's challenge, which is the second carrier's second exchange.
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        (await second.WaitAsync()).ExitCode.ShouldBe(0);
    }

    private static async Task<LiveEvent> NextAsync(LiveSubscription events, string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var e in events.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.Kind == kind)
                return e;
        }
        throw new InvalidOperationException("live events ended");
    }
}
