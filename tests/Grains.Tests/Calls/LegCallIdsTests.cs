using Pbx.Grains.Calls;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls;

/// <summary>Call-IDs of the legs the PBX starts: a phone leg leads back to its call, a carrier leg names nothing inside.</summary>
public sealed class LegCallIdsTests
{
    // RFC 3261 25.1: word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" / "<" / ">" /
    // ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}"); callid = word [ "@" word ].
    private const string WordSymbols = "-.!%*_+`'~()<>:\\\"/[]?{}";

    [Theory]
    [InlineData("a84b4c76e66710@pc33.atlanta.com")]
    [InlineData("1-4242@127.0.0.1")]
    [InlineData("3c26700e5f4b-xu3ll1tkeuyf")]
    [InlineData("Ünicode:\"quoted\"/[v6::1]")]
    public void A_phone_leg_leads_back_to_its_call(string callKey)
    {
        var callId = LegCallIds.ToPhone(callKey);

        LegCallIds.CallKeyOf(callId).ShouldBe(callKey);
    }

    [Fact]
    public void A_phone_legs_call_id_is_a_valid_sip_call_id_and_new_each_time()
    {
        var first = LegCallIds.ToPhone("a84b4c76e66710@pc33.atlanta.com");
        var second = LegCallIds.ToPhone("a84b4c76e66710@pc33.atlanta.com");

        first.ShouldNotBe(second);
        first.Count(c => c == '@').ShouldBe(1);
        first.Replace("@", "").ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || WordSymbols.Contains(c));
    }

    [Fact]
    public void A_carrier_leg_names_nothing_inside_and_is_found_only_through_the_directory()
    {
        var callId = LegCallIds.ToCarrier();

        callId.ShouldNotContain(".");
        LegCallIds.CallKeyOf(callId).ShouldBeNull();
    }

    [Theory]
    [InlineData("a84b4c76e66710@pc33.atlanta.com")]
    [InlineData("plain-call-id")]
    // A phone whose own Call-ID happens to end in @pbx with a dot that is not ours: the Call-ID is the key.
    [InlineData("12.34@pbx")]
    [InlineData(".@pbx")]
    [InlineData("0123456789abcdef.-~@pbx")]
    public void A_callers_dialog_leads_to_the_call_keyed_by_its_call_id(string callId) =>
        LegCallIds.CallKeyOf(callId).ShouldBe(callId);
}
