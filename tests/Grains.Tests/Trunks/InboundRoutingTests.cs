using System.Net;
using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

public sealed class InboundRoutingTests
{
    private static readonly NumberPlan Finland = new("358", "0", "00", NationalNumberLength: 9, InternalMaxLength: 4);

    private static readonly DidTable Dids = new(
    [
        new DidDestination("+358912345600", "extension", "100", null),
        new DidDestination("09 1234 5601", "queue", "sales", null),
        new DidDestination("+358912345602", "extension", "102", "carrier-b"),
        new DidDestination("+358912345603", null, null, null),
    ], Finland);

    [Theory]
    [InlineData("carrier-a", "+358912345600", null, null, InboundOutcome.Extension, "100")]
    [InlineData("carrier-a", "0912345600", null, null, InboundOutcome.Extension, "100")]
    [InlineData("carrier-a", "358912345600", null, null, InboundOutcome.Extension, "100")]
    [InlineData("carrier-a", "trunkuser", "tel:+358912345600", null, InboundOutcome.Extension, "100")]
    [InlineData("carrier-a", "trunkuser", null, "+358912345600", InboundOutcome.Extension, "100")]
    [InlineData("carrier-a", "+358912345601", null, null, InboundOutcome.DestinationUnavailable, "sales")]
    [InlineData("carrier-a", "+358912345602", null, null, InboundOutcome.UnknownDid, null)]
    [InlineData("carrier-b", "+358912345602", null, null, InboundOutcome.Extension, "102")]
    [InlineData("carrier-a", "+358912345603", null, null, InboundOutcome.UnknownDid, null)]
    [InlineData("carrier-a", "+358912345699", null, null, InboundOutcome.UnknownDid, null)]
    public void Inbound_calls_match_a_DID_by_request_uri_then_called_party_id_then_to(string trunk, string requestUser,
        string? calledPartyId, string? toUser, InboundOutcome outcome, string? target)
    {
        var route = Dids.Route(trunk, requestUser, calledPartyId, toUser);

        route.Outcome.ShouldBe(outcome);
        route.Target.ShouldBe(target);
    }

    [Theory]
    [InlineData("203.0.113.5", 5060, "carrier-c")]
    [InlineData("::ffff:203.0.113.5", 5060, "carrier-c")]
    [InlineData("203.0.113.5", 5062, null)]
    [InlineData("203.0.113.6", 5060, null)]
    public void A_trunk_without_networks_is_its_host_and_port_only(string source, int port, string? trunk)
    {
        var table = new TrunkSourceTable([], [("carrier-c", "203.0.113.5", 5060), ("carrier-d", "sip.carrier.example", 5060)]);

        table.Identify(IPAddress.Parse(source), port).ShouldBe(trunk);
    }

    [Theory]
    [InlineData("192.0.2.10", "carrier-a")]
    [InlineData("198.51.100.77", "carrier-b")]
    [InlineData("::ffff:198.51.100.77", "carrier-b")]
    [InlineData("2001:db8::5", "carrier-b")]
    [InlineData("192.0.2.11", null)]
    [InlineData("127.0.0.1", null)]
    public void Trunks_are_identified_by_source_address_and_anything_else_is_not_a_trunk(string source, string? trunk)
    {
        var table = new TrunkSourceTable(
        [
            ("carrier-a", IPNetwork.Parse("192.0.2.10/32")),
            ("carrier-b", IPNetwork.Parse("198.51.100.0/24")),
            ("carrier-b", IPNetwork.Parse("2001:db8::/64")),
        ], []);

        table.Identify(IPAddress.Parse(source), 5060).ShouldBe(trunk);
    }
}
