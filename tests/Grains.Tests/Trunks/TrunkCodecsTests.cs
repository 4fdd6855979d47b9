using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

public sealed class TrunkCodecsTests
{
    private const string Offer =
        "v=0\r\no=pbx 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" +
        "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    [Fact]
    public void Only_the_allowed_codecs_stay_with_telephone_event_and_their_attributes()
    {
        var restricted = TrunkCodecs.Restrict(Offer, ["PCMA"]).ShouldNotBeNull();

        restricted.ShouldContain("m=audio 4000 RTP/AVP 8 101\r\n");
        restricted.ShouldNotContain("PCMU");
        restricted.ShouldContain("a=fmtp:101 0-15\r\n");
        restricted.ShouldEndWith("a=ptime:20\r\na=sendrecv\r\n");
    }

    [Fact]
    public void Codecs_follow_the_trunks_order() =>
        TrunkCodecs.Restrict(Offer, ["pcma", "pcmu"]).ShouldNotBeNull().ShouldContain("m=audio 4000 RTP/AVP 8 0 101\r\n");

    [Fact]
    public void Static_payload_types_without_rtpmap_are_known_by_their_rfc_3551_names() =>
        TrunkCodecs.Restrict("v=0\nm=audio 4000 RTP/AVP 18 0\n", ["PCMU"]).ShouldBe("v=0\r\nm=audio 4000 RTP/AVP 0\r\n");

    [Fact]
    public void An_offer_with_none_of_the_allowed_codecs_is_refused() =>
        TrunkCodecs.Restrict(Offer, ["G729"]).ShouldBeNull();
}
