using Pbx.Data.Trunks;
using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: an outbound call on an Uzbek carrier, and the numbers the carrier sees.</summary>
public sealed class CarrierLegRuleTests
{
    // Uzbekistan: country code 998, 9-digit national numbers; the national and international prefixes are the plan's defaults.
    private static readonly NumberPlan Uzbekistan = new("998", NationalNumberLength: 9);
    private static readonly TrunkSettings Carrier = new("uztelecom", "sip.carrier.test", 5060, "udp", 30, "+998712000000", false, Uzbekistan, ["PCMA"]);
    private static TrunkCallState ToMobile => Outbound("+998901234567");

    public static TheoryData<string, TrunkSettings, TrunkCallState, string, string, string> Rows => new()
    {
        { "the extension's own outbound number is presented", Carrier, Outbound("+998901234567", callerId: "+998712000101"), "1001",
            "sip:+998901234567@sip.carrier.test:5060", "sip:+998712000101@sip.carrier.test" },
        { "without one, the trunk's default number", Carrier, ToMobile, "1001",
            "sip:+998901234567@sip.carrier.test:5060", "sip:+998712000000@sip.carrier.test" },
        { "with neither, the extension number itself", Carrier with { DefaultCallerId = null }, ToMobile, "1001",
            "sip:+998901234567@sip.carrier.test:5060", "sip:1001@sip.carrier.test" },
        { "a carrier that wants national format gets 0 and the national number",
            Carrier with { Plan = Uzbekistan with { CarrierFormat = CarrierNumberFormat.National } }, ToMobile, "1001",
            "sip:0901234567@sip.carrier.test:5060", "sip:0712000000@sip.carrier.test" },
        { "an international destination in national format gets the international prefix",
            Carrier with { Plan = Uzbekistan with { CarrierFormat = CarrierNumberFormat.National } }, Outbound("+74951234567"), "1001",
            "sip:0074951234567@sip.carrier.test:5060", "sip:0712000000@sip.carrier.test" },
        { "a carrier over TCP is addressed with transport=tcp", Carrier with { Transport = "tcp", Port = 5080 }, ToMobile, "1001",
            "sip:+998901234567@sip.carrier.test:5080;transport=tcp", "sip:+998712000000@sip.carrier.test" },
        { "a call from a trunk forwarded back out presents its original caller",
            Carrier, Outbound("+998901234567", forwardedFrom: "beeline"), "+998935551122",
            "sip:+998901234567@sip.carrier.test:5060", "sip:+998935551122@sip.carrier.test" },
        { "a forwarded call whose caller withheld its number presents the forwarder's",
            Carrier, Outbound("+998901234567", forwardedFrom: "beeline"), "anonymous",
            "sip:+998901234567@sip.carrier.test:5060", "sip:+998712000000@sip.carrier.test" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_carrier_sees_the_dialled_number_and_the_caller_id_in_its_own_format(
        string situation, TrunkSettings trunk, TrunkCallState call, string caller, string requestUri, string identity)
    {
        var leg = CarrierLegRule.Build(trunk, call, caller, "Aziza Karimova");

        (leg.RequestUri, leg.Identity).ShouldBe((requestUri, identity), situation);
        (leg.FromUri, leg.CallerDisplay).ShouldBe((identity, "Aziza Karimova"), situation);
    }

    private static TrunkCallState Outbound(string number, string? callerId = null, string? forwardedFrom = null) => new()
    {
        Direction = "outbound", Number = number, CallerId = callerId,
        Inbound = forwardedFrom is null ? null : new TrunkCallState { Direction = "inbound", TrunkId = forwardedFrom },
    };

    [Fact]
    public void A_trunk_with_privacy_withholds_the_caller_in_the_from_but_still_asserts_it_to_the_carrier()
    {
        var leg = CarrierLegRule.Build(Carrier with { Privacy = true }, ToMobile, "1001", "Aziza Karimova");

        (leg.FromUri, leg.CallerDisplay).ShouldBe(("sip:anonymous@anonymous.invalid", "Anonymous"), "RFC 3323 4.1.1.3");
        leg.Identity.ShouldBe("sip:+998712000000@sip.carrier.test", "RFC 3325 9.1: P-Asserted-Identity keeps the real identity");
    }
}
