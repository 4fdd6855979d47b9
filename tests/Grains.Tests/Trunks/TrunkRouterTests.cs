using Orleans;
using Pbx.Data.DialRules;
using Pbx.Data.DidNumbers;
using Pbx.Data.Extensions;
using Pbx.Data.Trunks;
using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.Grains.Trunks;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

/// <summary>
/// Trunk choice as call grains use it, on a silo over PostgreSQL with trunks, dial rules and DIDs written through the
/// repositories the API writes with: which trunk takes a call, which are passed over and why, and what a caller hears.
/// </summary>
public sealed class TrunkRouterTests(TrunkRouterTests.Silo silo) : IClassFixture<TrunkRouterTests.Silo>
{
    private const string PcmuOffer =
        "v=0\r\no=pbx 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" +
        "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    private TrunkRouter Router => silo.Router;

    /// <summary>One silo for the class, with its trunks, dial rules, extension and DIDs.</summary>
    public sealed class Silo : IAsyncLifetime
    {
        private PbxTestCluster _cluster = null!;

        public TrunkRouter Router => _cluster.SiloService<TrunkRouter>();

        public IGrainFactory Grains => _cluster.Grains;

        public async Task InitializeAsync()
        {
            _cluster = await PbxTestCluster.StartAsync(PostgresServer.Shared.CreateDatabase(), 1,
                (services, configuration) => services.AddTrunks(configuration).AddExtensions(configuration));
            await AddTrunkAsync("full", maxCalls: 1);
            await AddTrunkAsync("g729-only", codecs: ["G729"]);
            await AddTrunkAsync("switched-off", enabled: false);
            await AddTrunkAsync("open");
            var rules = _cluster.SiloService<DialRuleRepository>();
            await rules.CreateAsync(new ConfiguredDialRule { Prefix = "0", Trunks = ["full", "g729-only", "switched-off", "open"] }, CancellationToken.None);
            await rules.CreateAsync(new ConfiguredDialRule { Prefix = "7", Trunks = ["switched-off", "open"] }, CancellationToken.None);
            await rules.CreateAsync(new ConfiguredDialRule { Prefix = "8", Trunks = ["open"] }, CancellationToken.None);
            var extensions = _cluster.SiloService<ExtensionRepository>();
            await extensions.AddAsync("100");
            // 101 may have one outbound call up and start two an hour.
            var limited = (await extensions.CreateAsync("101", "Limited", "secret-101", true, 1, CancellationToken.None))!;
            await extensions.SetOutboundAsync(limited.Id, new ExtensionOutboundSettings("default", "national", null,
                MaxOutboundCalls: 1, OutboundCallsPerHour: 2, OutboundMinutesPerDay: 0), CancellationToken.None);
            var dids = _cluster.SiloService<DidNumberRepository>();
            var reception = (await dids.CreateAsync("+998712345600", "reception", CancellationToken.None))!;
            await dids.SetRouteAsync(reception.Id, "extension", "100", CancellationToken.None);
            var sales = (await dids.CreateAsync("+998712345601", "sales", CancellationToken.None))!;
            await dids.SetRouteAsync(sales.Id, "queue", "sales", CancellationToken.None);
            // Another call holds the only slot of trunk "full".
            (await _cluster.Grains.Grain<ITrunkGrain>("full").TryStartCallAsync("another-call", 1)).ShouldBeTrue();
        }

        public async Task DisposeAsync() => await _cluster.DisposeAsync();

        private Task AddTrunkAsync(string id, bool enabled = true, int maxCalls = 10, string[]? codecs = null) =>
            _cluster.SiloService<TrunkRepository>().CreateAsync(new TrunkChange
            {
                Id = id, Enabled = enabled, Host = "192.0.2.10", Port = 5060, Transport = "udp", Codecs = codecs ?? ["PCMU", "PCMA"],
                MaxCalls = maxCalls, RegisterExpires = 3600, CountryCode = "998", NationalPrefix = "0", InternationalPrefix = "00",
                NationalLength = 9, CarrierFormat = "e164",
            }, CancellationToken.None);
    }

    [Fact]
    public async Task An_outside_number_takes_the_first_trunk_that_is_enabled_speaks_the_offer_and_has_a_free_slot()
    {
        var call = (await Router.RouteOutboundAsync("call-1", "0901234567", "100", "192.0.2.50")).ShouldNotBeNull();
        call.Refusal.ShouldBeNull();
        var trunkCall = call.Call.ShouldNotBeNull();
        trunkCall.Number.ShouldBe("+998901234567");

        var choice = (await Router.NextAsync("call-1", trunkCall, PcmuOffer)).ShouldNotBeNull();

        choice.Trunk.Id.ShouldBe("open");
        trunkCall.TrunkId.ShouldBe("open");
        choice.Offer.ShouldContain("m=audio 4000 RTP/AVP 0 101");
        (await Router.NextAsync("call-1", trunkCall, PcmuOffer)).ShouldBeNull();
        await Router.EndOutboundAsync("call-1", trunkCall, talkSeconds: 0);
    }

    [Theory]
    [InlineData("00491511234567", 403)] // international, and extension 100 has the default class: national
    [InlineData("81234567", 484)] // neither a national number (9 digits) nor one with a prefix
    [InlineData("7901234567", 503)] // the rule's first trunk is switched off
    public async Task A_number_that_may_not_go_out_is_refused_with_what_the_caller_hears(string dialled, int status)
    {
        var call = (await Router.RouteOutboundAsync("call-2", dialled, "100", "192.0.2.50")).ShouldNotBeNull();

        call.Refusal.ShouldNotBeNull().Status.ShouldBe(status);
        call.Call.ShouldBeNull();
    }

    [Fact]
    public async Task An_extension_past_its_outbound_limits_is_refused_and_a_call_that_ended_frees_its_place_but_not_its_hour()
    {
        var first = (await Router.RouteOutboundAsync("limited-1", "0901234567", "101", "192.0.2.51")).ShouldNotBeNull().Call.ShouldNotBeNull();

        var second = (await Router.RouteOutboundAsync("limited-2", "0901234567", "101", "192.0.2.51")).ShouldNotBeNull();
        second.Refusal.ShouldNotBeNull().ShouldBe(new CallerResponse(403, "Outbound Limit Reached", null), "one call at once");

        await Router.EndOutboundAsync("limited-1", first, talkSeconds: 20);
        var again = (await Router.RouteOutboundAsync("limited-3", "0901234567", "101", "192.0.2.51")).ShouldNotBeNull().Call.ShouldNotBeNull();
        await Router.EndOutboundAsync("limited-3", again, talkSeconds: 0);
        var third = await Router.RouteOutboundAsync("limited-4", "0901234567", "101", "192.0.2.51");
        third.ShouldNotBeNull().Refusal.ShouldNotBeNull().Status.ShouldBe(403, "no call is up, but two started this hour");
    }

    [Theory]
    [InlineData("0901234567", DialTestOutcome.Outbound, "+998901234567")]
    [InlineData("100", DialTestOutcome.Extension, null)]
    [InlineData("00491511234567", DialTestOutcome.NotPermitted, "+491511234567")]
    [InlineData("81234567", DialTestOutcome.InvalidNumber, null)]
    [InlineData("7901234567", DialTestOutcome.TrunkUnavailable, null)]
    [InlineData("5555", DialTestOutcome.NotFound, null)]
    public async Task The_dial_tester_answers_as_calls_are_routed(string dialled, DialTestOutcome outcome, string? number)
    {
        var test = await silo.Grains.GetGrain<IDialPlanGrain>(0).TestAsync(dialled, "101");

        test.Outcome.ShouldBe(outcome);
        if (number is not null)
            test.Route.ShouldNotBeNull().Number.ShouldBe(number);
        test.Permission.ShouldBe(PermissionClass.National);
    }

    [Fact]
    public async Task A_number_no_dial_rule_serves_is_left_to_the_internal_dial_plan() =>
        (await Router.RouteOutboundAsync("call-3", "5555", "100", "192.0.2.50")).ShouldBeNull();

    [Theory]
    [InlineData("open", "+998712345699", 404)] // no such DID
    [InlineData("open", "+998712345601", 480)] // a DID whose queue is not served yet
    [InlineData("g729-only", "+998712345600", 488)] // the carrier offers none of the trunk's codecs
    [InlineData("full", "+998712345600", 503)] // the trunk's slots are all taken
    public async Task An_inbound_call_that_cannot_ring_is_refused_with_what_the_carrier_hears(string trunk, string called, int status)
    {
        var call = (await Router.AdmitInboundAsync("call-4", trunk, "901234567", [called], PcmuOffer)).ShouldNotBeNull();

        call.Refusal.ShouldNotBeNull().Status.ShouldBe(status);
    }

    [Fact]
    public async Task An_inbound_call_to_a_did_rings_its_extension_holding_a_slot_of_the_trunk()
    {
        var call = (await Router.AdmitInboundAsync("call-5", "open", "901234567", ["0712345600"], PcmuOffer)).ShouldNotBeNull();

        call.Refusal.ShouldBeNull();
        (call.Target, call.Did, call.Caller).ShouldBe(("100", "+998712345600", "+998901234567"));
        (await silo.Grains.Grain<ITrunkGrain>("open").TryStartCallAsync("call-6", 1)).ShouldBeFalse();
        await Router.ReleaseAsync("call-5", "open");
    }

    [Fact]
    public async Task A_call_from_an_unknown_or_switched_off_trunk_is_nobodys()
    {
        (await Router.AdmitInboundAsync("call-7", "switched-off", "901234567", ["+998712345600"], PcmuOffer)).ShouldBeNull();
        (await Router.AdmitInboundAsync("call-7", "no-such-trunk", "901234567", ["+998712345600"], PcmuOffer)).ShouldBeNull();
    }
}
