using Pbx.EdgeSip.Calls;
using Pbx.EdgeSip.Parsing;
using Pbx.Grains.Calls;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls;

/// <summary>The requests the edge builds from a call grain's dialog data.</summary>
public sealed class SipDialogMessagesTests
{
    private static readonly DialogLeg Leg = new("leg@pbx", "sip:1001@pbx.test", "ourtag", "sip:1002@pbx.test", "theirtag",
        "sip:1002@10.0.0.9:5062;transport=tcp", ["<sip:proxy1;lr>", "<sip:proxy2;lr>"], "tcp", "127.0.0.1", 40000, 7);

    [Fact]
    public void In_dialog_request_targets_the_remote_contact_with_the_route_set_tags_and_cseq()
    {
        // RFC 3261 12.2.1.1.
        using var bye = SipDialogMessages.Create("BYE", Leg, 8, null, "Pbx");

        bye.RequestUriText.ShouldBe("sip:1002@10.0.0.9:5062;transport=tcp");
        bye.GetAll(SipHeaderId.Route).ShouldBe(["<sip:proxy1;lr>", "<sip:proxy2;lr>"]);
        (bye.From!.Tag, bye.To!.Tag, bye.CallId).ShouldBe(("ourtag", "theirtag", "leg@pbx"));
        bye.CSeq.ShouldBe(new SipCSeq(8, "BYE"));
        SipDialogMessages.Destination(Leg).ToString().ShouldBe("TCP:127.0.0.1:40000");
    }

    [Theory]
    [InlineData("udp", "UDP:127.0.0.1:40000", "sip:1001@192.0.2.1:5060")]
    [InlineData("tcp", "TCP:127.0.0.1:40000", "sip:1001@192.0.2.1:5060;transport=tcp")]
    [InlineData("tls", "TLS:127.0.0.1:40000", "sip:1001@192.0.2.1:5060;transport=tls")]
    [InlineData("ws", "WS:127.0.0.1:40000", "sip:1001@192.0.2.1:5060;transport=ws")]
    public void A_leg_is_reached_over_its_stored_transport_and_our_contact_names_that_transport(string transport, string destination, string contact)
    {
        // A phone that registered over TLS is rung over TLS, and its requests in the dialog come back over TLS (RFC 3261 19.1.1).
        var reached = SipDialogMessages.Destination(Leg with { Transport = transport });

        reached.ToString().ShouldBe(destination);
        SipDialogMessages.Contact("1001", reached, System.Net.IPEndPoint.Parse("192.0.2.1:5060")).ShouldBe(contact);
    }

    [Fact]
    public void Cancel_copies_the_invite_branch_call_id_from_to_and_cseq_number()
    {
        // RFC 3261 9.1.
        using var invite = SipDialogMessages.Create("INVITE", Leg with { RemoteTag = null }, 1, "v=0\r\n", "Pbx");
        invite.Add(SipHeaderId.Via, "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKabc;rport");

        using var cancel = SipDialogMessages.Cancel(invite);

        cancel.TopVia!.Branch.ShouldBe("z9hG4bKabc");
        cancel.CSeq.ShouldBe(new SipCSeq(1, "CANCEL"));
        (cancel.CallId, cancel.To!.Tag, cancel.Get(SipHeaderId.From)).ShouldBe(("leg@pbx", null, invite.Get(SipHeaderId.From)));
        cancel.Body.Length.ShouldBe(0);
        SipDialogMessages.Sdp(invite).ShouldBe("v=0\r\n");
    }
}
