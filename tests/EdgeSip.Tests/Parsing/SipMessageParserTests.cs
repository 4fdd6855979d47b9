using System.Text;
using Pbx.EdgeSip.Parsing;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Parsing;

public sealed class SipMessageParserTests
{
    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(SipMessages.Invite());

    public static TheoryData<int> EveryTruncation()
    {
        var data = new TheoryData<int>();
        for (var length = 0; length < Invite.Length; length++)
            data.Add(length);
        return data;
    }

    // Kestrel-style framing over TCP: every prefix of a valid message is "need more bytes", never an error or a partial message.
    [Theory]
    [MemberData(nameof(EveryTruncation))]
    public void Every_truncated_invite_on_a_stream_needs_more_bytes_and_consumes_nothing(int length)
    {
        SipMessageParser.TryParse(Invite.AsSpan(0, length), out var message, out var consumed).ShouldBeFalse();
        message.ShouldBeNull();
        consumed.ShouldBe(0);
    }

    [Fact]
    public void Two_messages_back_to_back_on_a_stream_are_framed_by_content_length()
    {
        var two = Invite.Concat(Invite).ToArray();
        SipMessageParser.TryParse(two, out var first, out var consumed).ShouldBeTrue();
        consumed.ShouldBe(Invite.Length);
        SipMessageParser.TryParse(two.AsSpan(consumed), out var second, out var consumed2).ShouldBeTrue();
        consumed2.ShouldBe(Invite.Length);
        first!.Body.Span.SequenceEqual(second!.Body.Span).ShouldBeTrue();
    }

    [Fact]
    public void A_stream_message_without_content_length_is_refused()
    {
        var bytes = Encoding.ASCII.GetBytes(SipMessages.Options("z9hG4bKa").Replace("Content-Length: 0\r\n", "", StringComparison.Ordinal));
        Should.Throw<SipParseException>(() => SipMessageParser.TryParse(bytes, out _, out _)).Error.ShouldBe(SipParseError.ContentLengthMissing);
    }

    [Fact]
    public void A_typical_invite_yields_every_field_a_phone_sent()
    {
        using var request = (SipRequest)SipMessageParser.ParseDatagram(Invite);
        request.Method.ShouldBe("INVITE");
        request.RequestUri.User.ShouldBe("1002");
        request.RequestUri.Host.ShouldBe("pbx.example.com");
        request.TopVia!.Branch.ShouldBe("z9hG4bK776asdhds");
        request.TopViaBranch.ShouldBe("z9hG4bK776asdhds");
        request.TopVia.HasRPort.ShouldBeTrue();
        request.TopVia.Port.ShouldBe(5060);
        request.From!.DisplayName.ShouldBe("Alice");
        request.From.Tag.ShouldBe("1928301774");
        request.To!.Tag.ShouldBeNull();
        request.CallId.ShouldBe("a84b4c76e66710@192.0.2.10");
        request.CSeq.ShouldBe(new SipCSeq(314159, "INVITE"));
        request.Contacts[0].Uri.Parameters.Get("transport").ShouldBe("udp");
        request.Get("user-agent").ShouldBe("Yealink SIP-T46S 66.86.0.15");
        Encoding.ASCII.GetString(request.Body.Span).ShouldBe(SipMessages.Sdp);
    }

    [Fact]
    public void Compact_forms_and_any_case_name_the_same_headers()
    {
        const string text = "BYE sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nf: <sip:x@y>;tag=1\r\nt: <sip:a@b>;tag=2\r\n" +
            "i: cid\r\ncseq: 2 BYE\r\nM: <sip:x@h>\r\nc: text/plain\r\nk: timer\r\nl: 2\r\n\r\nhi";
        using var request = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        request.CallId.ShouldBe("cid");
        request.From!.Tag.ShouldBe("1");
        request.To!.Tag.ShouldBe("2");
        request.Contacts.ShouldHaveSingleItem().Uri.Host.ShouldBe("h");
        request.ContentType.ShouldBe("text/plain");
        request.Get("Supported").ShouldBe("timer");
        request.Get("k").ShouldBe("timer");
        request.Body.Length.ShouldBe(2);
    }

    [Fact]
    public void Comma_separated_values_and_separate_lines_give_the_same_list()
    {
        const string text = "REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.1;received=2001:db8::9\r\n" +
            "Via: SIP/2.0/UDP h3\r\nTo: <sip:1001@pbx>\r\nFrom: <sip:1001@pbx>;tag=a\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n" +
            "Contact: <sip:1001@[2001:db8::1]:5061;transport=tcp>;expires=60, \"Desk, 2\" <tel:+4930123;phone-context=x>;q=0.5\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n";
        using var request = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        var vias = request.Vias;
        vias.Select(v => v.Host).ShouldBe(["[2001:db8::1]", "10.0.0.1", "h3"]);
        vias[0].Port.ShouldBe(5061);
        vias[1].Received.ShouldBe("2001:db8::9");
        var contacts = request.Contacts;
        contacts[0].Uri.Host.ShouldBe("[2001:db8::1]");
        contacts[0].Uri.Port.ShouldBe(5061);
        contacts[0].Expires.ShouldBe(60u);
        contacts[1].DisplayName.ShouldBe("Desk, 2");
        contacts[1].Uri.Scheme.ShouldBe("tel");
        contacts[1].Uri.User.ShouldBe("+4930123");
        contacts[1].Uri.Parameters.Get("phone-context").ShouldBe("x");
        contacts[1].Parameters.Get("q").ShouldBe("0.5");
        request.Expires.ShouldBe(3600u);
    }

    [Fact]
    public void Sips_uri_with_password_and_params_parses()
    {
        var uri = SipUri.Parse("sips:alice:secret@example.com:5061;transport=tcp;lr?subject=hi");
        uri.Scheme.ShouldBe("sips");
        uri.User.ShouldBe("alice");
        uri.Password.ShouldBe("secret");
        uri.Port.ShouldBe(5061);
        uri.Parameters.Contains("lr").ShouldBeTrue();
        uri.Parameters.Get("lr").ShouldBeNull();
        uri.Headers.ShouldBe("subject=hi");
    }

    [Fact]
    public void Star_contact_of_a_deregistration_parses()
    {
        const string text = "REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:1@pbx>\r\nFrom: <sip:1@pbx>;tag=a\r\nCall-ID: c\r\nCSeq: 2 REGISTER\r\nContact: *\r\nExpires: 0\r\n\r\n";
        using var request = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        request.Contacts.ShouldHaveSingleItem().IsStar.ShouldBeTrue();
        request.Expires.ShouldBe(0u);
    }

    [Theory]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=x;\r\n\r\n", SipParseError.InvalidParameter)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h,\r\n\r\n", SipParseError.InvalidVia)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nTo: \"unterminated <sip:a@b>\r\n\r\n", SipParseError.InvalidQuotedString)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nNo colon here\r\n\r\n", SipParseError.InvalidHeaderLine)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nCSeq: 1\r\n\r\n", SipParseError.InvalidCSeq)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 BYE\r\n\r\n", SipParseError.CSeqMethodMismatch)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nMax-Forwards: 256\r\n\r\n", SipParseError.InvalidMaxForwards)]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nCall-ID: a b\r\n\r\n", SipParseError.InvalidCallId)]
    [InlineData("INV(TE sip:a@b SIP/2.0\r\n\r\n", SipParseError.InvalidMethod)]
    [InlineData("SIP/2.0 20 OK\r\n\r\n", SipParseError.InvalidStatusCode)]
    [InlineData("SIP/2.0 099 Low\r\n\r\n", SipParseError.InvalidStatusCode)]
    [InlineData("INVITE sip:a@b SIP/3.0\r\n\r\n", SipParseError.VersionNotSupported)]
    public void Malformed_input_throws_one_exception_type_with_the_reason(string text, SipParseError error) =>
        Should.Throw<SipParseException>(() => SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text))).Error.ShouldBe(error);

    [Fact]
    public void Serializing_a_parsed_message_gives_canonical_names_unfolded_values_and_a_true_content_length()
    {
        const string text = "OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nX-Custom: one  \r\n  two\r\ni: cid\r\nl: 99\r\n\r\n";
        using var request = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text + new string('x', 99)));
        request.Body = Encoding.ASCII.GetBytes("abc");
        request.ToString().ShouldBe(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nX-Custom: one two\r\nCall-ID: cid\r\nContent-Length: 3\r\n\r\nabc");
    }

    [Fact]
    public void A_built_response_round_trips_through_the_parser()
    {
        var response = new SipResponse(401, "Unauthorized");
        response.Add(SipHeaderId.Via, "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKx;rport=5070;received=127.0.0.1")
            .Add(SipHeaderId.WwwAuthenticate, "Digest realm=\"pbx\", nonce=\"abc\", algorithm=MD5, qop=\"auth\"")
            .Add("X-Reason", "test");
        using var parsed = (SipResponse)SipMessageParser.ParseDatagram(response.ToBytes());
        parsed.StatusCode.ShouldBe(401);
        parsed.ReasonPhrase.ShouldBe("Unauthorized");
        parsed.TopVia!.RPort.ShouldBe(5070);
        parsed.Get(SipHeaderId.WwwAuthenticate).ShouldBe("Digest realm=\"pbx\", nonce=\"abc\", algorithm=MD5, qop=\"auth\"");
        parsed.Get("x-reason").ShouldBe("test");
        parsed.Body.Length.ShouldBe(0);
    }
}
