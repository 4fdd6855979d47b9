using System.Net;
using Pbx.Grains.Media;
using Pbx.MediaNode.Sdp;

namespace Pbx.MediaNode.Tests.Sdp;

public sealed class SdpNegotiatorTests
{
    // A typical desk-phone offer: G.722 first, then PCMA before PCMU, RFC 4733 on 96, plus video.
    private const string PhoneOffer =
        "v=0\r\n" +
        "o=- 3812 3812 IN IP4 192.168.1.20\r\n" +
        "s=call\r\n" +
        "c=IN IP4 192.168.1.20\r\n" +
        "t=0 0\r\n" +
        "m=audio 4000 RTP/AVP 9 8 0 96\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:96 telephone-event/8000\r\n" +
        "a=fmtp:96 0-15\r\n" +
        "a=ptime:30\r\n" +
        "a=sendonly\r\n" +
        "m=video 4002 RTP/AVP 99\r\n" +
        "a=rtpmap:99 H264/90000\r\n";

    [Fact]
    public void The_answer_keeps_the_offerers_codec_order_and_telephone_event_and_rejects_other_streams()
    {
        var (answer, media) = SdpNegotiator.Answer(SdpParser.Parse(PhoneOffer), "10.0.0.5", 10002, 77, 1);

        // RFC 3264 section 6.1: supported formats in the offerer's order; section 6: one m= line per offered one.
        answer.Media.Count.ShouldBe(2);
        answer.Media[0].Formats.Select(f => f.Encoding).ShouldBe(["G722", "PCMA", "PCMU", "telephone-event"]);
        answer.Media[0].Formats[3].PayloadType.ShouldBe(96);
        answer.Media[0].Formats[3].Parameters.ShouldBe("0-15");
        answer.Media[1].Port.ShouldBe(0);
        media.Codec.Encoding.ShouldBe("G722");
        media.TelephoneEvent!.PayloadType.ShouldBe(96);
        media.Ptime.ShouldBe(30);
        media.Remote.ShouldBe(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 4000));
    }

    [Fact]
    public void A_sendonly_offer_puts_the_node_on_receive_only_and_the_answer_says_recvonly()
    {
        var (answer, media) = SdpNegotiator.Answer(SdpParser.Parse(PhoneOffer), "10.0.0.5", 10002, 77, 1);

        media.Direction.ShouldBe(MediaDirection.ReceiveOnly);
        media.Sends.ShouldBeFalse();
        SdpWriter.Write(answer).ShouldContain("a=recvonly\r\n");
    }

    [Fact]
    public void The_written_answer_names_the_media_node_in_c_and_m_and_parses_back()
    {
        var (answer, _) = SdpNegotiator.Answer(SdpParser.Parse(PhoneOffer), "10.0.0.5", 10002, 77, 1);

        var text = SdpWriter.Write(answer);

        text.ShouldStartWith("v=0\r\no=pbx 77 1 IN IP4 10.0.0.5\r\n");
        text.ShouldContain("c=IN IP4 10.0.0.5\r\n");
        text.ShouldContain("m=audio 10002 RTP/AVP 9 8 0 96\r\n");
        text.ShouldContain("a=fmtp:96 0-15\r\n");
        text.ShouldContain("m=video 0 RTP/AVP 99\r\n");
        text.ShouldNotContain("192.168.1.20");
        SdpParser.Parse(text).Media[0].Formats.Count.ShouldBe(4);
    }

    [Fact]
    public void An_offer_without_g711_or_g722_is_refused_with_a_negotiation_error()
    {
        var offer = PhoneOffer.Replace("RTP/AVP 9 8 0 96", "RTP/AVP 18 96", StringComparison.Ordinal);

        Should.Throw<MediaNegotiationException>(() => SdpNegotiator.Answer(SdpParser.Parse(offer), "10.0.0.5", 10002, 77, 1))
            .Message.ShouldContain("488");
    }

    [Fact]
    public void A_hold_offer_from_the_node_is_sendonly_and_the_answer_leaves_the_node_sending_only()
    {
        var offer = SdpWriter.Write(SdpNegotiator.Offer("10.0.0.5", 10004, MediaDirection.SendOnly, 5, 2));
        offer.ShouldContain("m=audio 10004 RTP/AVP 0 8 9 101\r\n");
        offer.ShouldContain("a=fmtp:101 0-16\r\n");
        offer.ShouldContain("a=ptime:20\r\n");
        offer.ShouldContain("a=sendonly\r\n");

        var answer = "v=0\r\no=- 1 1 IN IP4 192.168.1.30\r\ns=-\r\nc=IN IP4 192.168.1.30\r\nt=0 0\r\n" +
            "m=audio 5000 RTP/AVP 8\r\na=recvonly\r\n";
        var media = SdpNegotiator.AcceptAnswer(SdpParser.Parse(answer), MediaDirection.SendOnly);

        media.Direction.ShouldBe(MediaDirection.SendOnly);
        media.Codec.Encoding.ShouldBe("PCMA");
        media.TelephoneEvent.ShouldBeNull();
    }

    [Fact]
    public void An_offer_lists_the_bridged_partners_codec_first_so_the_bridge_need_not_transcode()
    {
        SdpWriter.Write(SdpNegotiator.Offer("10.0.0.5", 10004, MediaDirection.SendReceive, 5, 2, new SdpFormat(9, "G722", 8000)))
            .ShouldContain("m=audio 10004 RTP/AVP 9 0 8 101\r\n");
        SdpWriter.Write(SdpNegotiator.Offer("10.0.0.5", 10004, MediaDirection.SendReceive, 5, 2, SdpFormat.Pcma))
            .ShouldContain("m=audio 10004 RTP/AVP 8 0 9 101\r\n");
    }

    [Fact]
    public void The_old_hold_convention_c_0_0_0_0_means_no_remote_to_send_to()
    {
        var offer = PhoneOffer.Replace("c=IN IP4 192.168.1.20", "c=IN IP4 0.0.0.0", StringComparison.Ordinal);

        var (_, media) = SdpNegotiator.Answer(SdpParser.Parse(offer), "10.0.0.5", 10002, 77, 1);

        media.Remote.ShouldBeNull();
    }

    [Theory]
    [InlineData("v=0\r\ns=-\r\n", "missing o=")]
    [InlineData("v=0\r\no=- x 1 IN IP4 1.2.3.4\r\n", "o= needs")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio port RTP/AVP 0\r\n", "m= needs")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n", "c= must be")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", "a=rtpmap")]
    [InlineData("garbage", "not a type=value line")]
    public void Malformed_sdp_is_rejected_naming_the_problem(string sdp, string reason)
    {
        Should.Throw<MediaNegotiationException>(() => SdpParser.Parse(sdp)).Message.ShouldContain(reason);
    }

    [Fact]
    public void Every_truncation_of_a_valid_offer_parses_or_fails_with_a_negotiation_error_only()
    {
        for (var length = 0; length <= PhoneOffer.Length; length++)
        {
            try
            {
                SdpParser.Parse(PhoneOffer[..length]);
            }
            catch (MediaNegotiationException)
            {
                // Expected for prefixes that cut a line short.
            }
        }
    }
}
