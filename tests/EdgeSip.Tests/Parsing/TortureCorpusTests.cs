using Pbx.EdgeSip.Parsing;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Parsing;

/// <summary>Every RFC 4475 message, replayed as a UDP datagram would be, handled as the RFC says (see the corpus README).</summary>
public sealed class TortureCorpusTests
{
    private const string Variable = "PBX_SIP_TORTURE_DIR";

    public static TheoryData<string> AllFiles()
    {
        var data = new TheoryData<string>();
        var dir = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(dir))
        {
            data.Add("unset");
            return data;
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "manifest.tsv")).Skip(1))
            data.Add(line.Split('\t')[0]);
        return data;
    }

    [TheoryRequiresEnv(Variable)]
    [MemberData(nameof(AllFiles))]
    public void Every_message_is_parsed_or_rejected_without_crashing(string file)
    {
        var columns = File.ReadLines(Path.Combine(Dir, "manifest.tsv")).First(l => l.StartsWith(file + "\t", StringComparison.Ordinal)).Split('\t');
        var verdict = columns[4];
        var outcome = Replay(file);
        switch (verdict)
        {
            case "accept":
                outcome.Message.ShouldNotBeNull($"{file}: {outcome.Error?.Message}");
                break;
            case "accept-then-400":
                outcome.Message.ShouldBeOfType<SipRequest>();
                SipRequestChecks.Problem((SipRequest)outcome.Message!).ShouldNotBeNull();
                break;
            default:
                // reject / framing-error; baddate is the one invalid message a UAS may accept (RFC 4475 3.1.2.12).
                if (file != "baddate.dat")
                    outcome.Error.ShouldNotBeNull($"{file} should be rejected");
                break;
        }
    }

    [FactRequiresEnv(Variable)]
    public void Short_tortuous_invite_yields_the_values_under_the_folding()
    {
        using var request = (SipRequest)Replay("wsinv.dat").Message!;
        request.Method.ShouldBe("INVITE");
        request.RequestUri.User.ShouldBe("vivekg");
        request.RequestUri.Host.ShouldBe("chair-dnrc.example.com");
        request.RequestUri.Parameters.Contains("unknownparam").ShouldBeTrue();
        request.To!.Tag.ShouldBe("1918181833n");
        request.From!.DisplayName.ShouldBe("J Rosenberg \\\"");
        request.From.Tag.ShouldBe("98asjd8");
        request.MaxForwards.ShouldBe(68);
        request.CallId.ShouldBe("wsinv.ndaksdj@192.0.2.1");
        request.CSeq.ShouldBe(new SipCSeq(9, "INVITE"));
        var vias = request.Vias;
        vias.Count.ShouldBe(3);
        vias[0].Transport.ShouldBe("UDP");
        vias[0].Host.ShouldBe("192.0.2.2");
        vias[0].Branch.ShouldBe("390skdjuw");
        vias[1].Transport.ShouldBe("TCP");
        vias[1].Branch.ShouldBe("z9hG4bK9ikj8");
        vias[2].Host.ShouldBe("192.168.255.111");
        vias[2].Branch.ShouldBe("z9hG4bK30239");
        request.Get("NewFangledHeader").ShouldBe("newfangled value continued newfangled value");
        request.Get("UnknownHeaderWithUnusualValue").ShouldBe(";;,,;;,;");
        request.Get(SipHeaderId.Subject).ShouldBe("");
        var contact = request.Contacts.ShouldHaveSingleItem();
        contact.DisplayName.ShouldBe("Quoted string \"\"");
        contact.Parameters.Get("newparam").ShouldBe("newvalue");
        contact.Parameters.Contains("secondparam").ShouldBeTrue();
        contact.Parameters.Get("q").ShouldBe("0.33");
        request.Body.Length.ShouldBe(150);
    }

    [FactRequiresEnv(Variable)]
    public void Unusual_characters_are_kept_and_the_unknown_method_is_not_mistaken()
    {
        using var request = (SipRequest)Replay("intmeth.dat").Message!;
        request.Method.ShouldBe("!interesting-Method0123456789_*+`.%indeed'~");
        request.CSeq!.Value.Method.ShouldBe(request.Method);
        request.CallId.ShouldBe("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        request.From!.DisplayName.ShouldBe("token1~` token2'+_ token3*%!.-");
        request.From.Tag.ShouldBe("_token~1'+`*%!-.");
        request.TopVia!.Branch.ShouldBe("z9hG4bK-.!%66*_+`'~");
        request.MaxForwards.ShouldBe(255);
    }

    [FactRequiresEnv(Variable)]
    public void Escapes_decode_once_and_only_where_the_grammar_allows()
    {
        using var esc01 = (SipRequest)Replay("esc01.dat").Message!;
        esc01.RequestUri.User.ShouldBe("sips:user@example.com");
        esc01.To!.Uri.User.ShouldBe("user");
        esc01.From!.Uri.User.ShouldBe("I have spaces");
        esc01.CallId.ShouldBe("esc01.239409asdfakjkn23onasd0-3234");
        esc01.ContentType.ShouldBe("application/sdp");
        esc01.Contacts[0].Uri.User.ShouldBe("caller");
        esc01.Contacts[0].Uri.Parameters.Get("n%61me").ShouldBe("v%61lue%25%34%31");

        using var escnull = (SipRequest)Replay("escnull.dat").Message!;
        escnull.To!.Uri.User.ShouldBe("null-\0-null");
        escnull.Contacts.Select(c => c.Uri.User).ShouldBe(["\0", "\0\0"]);

        using var esc02 = (SipRequest)Replay("esc02.dat").Message!;
        esc02.Method.ShouldBe("RE%47IST%45R");
        esc02.To!.DisplayName.ShouldBe("%Z%45");
        esc02.Contacts.Count.ShouldBe(2);
        esc02.Get("C%6Fntact").ShouldBe("<sip:alias2@host2.example.com>");
    }

    [FactRequiresEnv(Variable)]
    public void Other_valid_messages_parse_to_their_values()
    {
        using var lwsdisp = (SipRequest)Replay("lwsdisp.dat").Message!;
        lwsdisp.From!.DisplayName.ShouldBe("caller");
        lwsdisp.From.Uri.User.ShouldBe("caller");

        using var longreq = (SipRequest)Replay("longreq.dat").Message!;
        longreq.Vias.Count.ShouldBe(34);
        longreq.To!.DisplayName!.Length.ShouldBeGreaterThan(100);
        longreq.To.Uri.Port.ShouldBe(6000);

        using var dblreq = (SipRequest)Replay("dblreq.dat").Message!;
        dblreq.Method.ShouldBe("REGISTER");
        dblreq.Body.Length.ShouldBe(0);

        using var semiuri = (SipRequest)Replay("semiuri.dat").Message!;
        semiuri.RequestUri.User.ShouldBe("user;par=u@example.net");
        semiuri.RequestUri.Host.ShouldBe("example.com");

        using var transports = (SipRequest)Replay("transports.dat").Message!;
        transports.Vias.Select(v => v.Transport).ShouldBe(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"]);

        using var mpart = (SipRequest)Replay("mpart01.dat").Message!;
        mpart.Body.Length.ShouldBe(int.Parse(mpart.Get(SipHeaderId.ContentLength)!, System.Globalization.CultureInfo.InvariantCulture));
        mpart.Body.Span.IndexOf((byte)0).ShouldBeGreaterThan(0);

        using var unreason = (SipResponse)Replay("unreason.dat").Message!;
        unreason.StatusCode.ShouldBe(200);
        unreason.ReasonPhrase.ShouldStartWith("= 2**3 * 5**2 но");

        using var noreason = (SipResponse)Replay("noreason.dat").Message!;
        noreason.StatusCode.ShouldBe(100);
        noreason.ReasonPhrase.ShouldBe("");
    }

    [FactRequiresEnv(Variable)]
    public void Semantic_tests_keep_contact_and_uri_parameters_apart()
    {
        using var cparam01 = (SipRequest)Replay("cparam01.dat").Message!;
        cparam01.Contacts[0].Parameters.Contains("unknownparam").ShouldBeTrue();
        cparam01.Contacts[0].Uri.Parameters.Contains("unknownparam").ShouldBeFalse();

        using var cparam02 = (SipRequest)Replay("cparam02.dat").Message!;
        cparam02.Contacts[0].Uri.Parameters.Contains("unknownparam").ShouldBeTrue();

        using var regescrt = (SipRequest)Replay("regescrt.dat").Message!;
        regescrt.Contacts[0].Uri.Headers.ShouldNotBeNull().ShouldContain("Route=");

        using var unksm2 = (SipRequest)Replay("unksm2.dat").Message!;
        unksm2.To!.Uri.Scheme.ShouldBe("isbn");
        unksm2.From!.Uri.Scheme.ShouldBe("http");

        using var inv2543 = (SipRequest)Replay("inv2543.dat").Message!;
        inv2543.TopVia!.Branch.ShouldBeNull();
        inv2543.MaxForwards.ShouldBeNull();

        using var badbranch = (SipRequest)Replay("badbranch.dat").Message!;
        badbranch.TopVia!.Branch.ShouldBe(SipVia.MagicCookie);
    }

    [TheoryRequiresEnv(Variable)]
    [InlineData("badinv01.dat", 400, SipParseError.InvalidParameter)]
    [InlineData("clerr.dat", 400, SipParseError.ContentLengthLargerThanMessage)]
    [InlineData("ncl.dat", 400, SipParseError.InvalidContentLength)]
    [InlineData("scalar02.dat", 400, SipParseError.InvalidCSeq)]
    [InlineData("quotbal.dat", 400, SipParseError.InvalidQuotedString)]
    [InlineData("ltgtruri.dat", 400, SipParseError.InvalidRequestUri)]
    [InlineData("lwsruri.dat", 400, SipParseError.InvalidRequestUri)]
    [InlineData("lwsstart.dat", 400, SipParseError.InvalidRequestUri)]
    [InlineData("trws.dat", 400, SipParseError.InvalidStartLine)]
    [InlineData("escruri.dat", 400, SipParseError.InvalidRequestUri)]
    [InlineData("regbadct.dat", 400, SipParseError.InvalidNameAddress)]
    [InlineData("badaspec.dat", 400, SipParseError.InvalidNameAddress)]
    [InlineData("baddn.dat", 400, SipParseError.InvalidNameAddress)]
    [InlineData("variants/baddn-crlf.dat", 400, SipParseError.InvalidNameAddress)]
    [InlineData("badvers.dat", 505, SipParseError.VersionNotSupported)]
    [InlineData("mismatch01.dat", 400, SipParseError.CSeqMethodMismatch)]
    [InlineData("mismatch02.dat", 400, SipParseError.CSeqMethodMismatch)]
    [InlineData("mcl01.dat", 400, SipParseError.MultipleContentLength)]
    [InlineData("not-in-rfc/test.dat", 400, SipParseError.InvalidStartLine)]
    public void Invalid_requests_are_refused_with_a_reason_naming_the_fault(string file, int status, SipParseError error)
    {
        var exception = Replay(file).Error.ShouldNotBeNull();
        exception.Error.ShouldBe(error);
        exception.StatusCode.ShouldBe(status);
        exception.ReasonPhrase.ShouldNotBe("Bad Request");
    }

    [TheoryRequiresEnv(Variable)]
    [InlineData("scalarlg.dat")]
    [InlineData("bigcode.dat")]
    public void Invalid_responses_are_refused_so_the_edge_drops_them(string file) =>
        Replay(file).Error.ShouldNotBeNull().Excerpt.ShouldNotBeEmpty();

    [TheoryRequiresEnv(Variable)]
    [InlineData("insuf.dat", "Bad Request - Missing From")]
    [InlineData("multi01.dat", "Bad Request - Multiple From Values")]
    public void Requests_missing_or_repeating_required_headers_get_400_naming_the_header(string file, string reason)
    {
        using var request = (SipRequest)Replay(file).Message!;
        SipRequestChecks.Problem(request).ShouldBe(reason);
    }

    [FactRequiresEnv(Variable)]
    public void Content_length_larger_than_the_stream_waits_for_more_bytes()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Dir, "clerr.dat"));
        SipMessageParser.TryParse(bytes, out var message, out var consumed).ShouldBeFalse();
        message.ShouldBeNull();
        consumed.ShouldBe(0);
    }

    private static string Dir => Environment.GetEnvironmentVariable(Variable)!;

    private static (SipMessage? Message, SipParseException? Error) Replay(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Dir, file));
        try
        {
            return (SipMessageParser.ParseDatagram(bytes), null);
        }
        catch (SipParseException e)
        {
            return (null, e);
        }
    }
}
