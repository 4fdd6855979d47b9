using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Tests.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Transactions;

public sealed class SipTransactionLayerTests
{
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private static readonly SipEndPoint PhoneTcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5071));
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingSender _sender = new();
    private readonly SipTransactionLayer _layer;
    private readonly List<SipServerTransaction> _received = [];
    private readonly SipTimerOptions _timers = new();

    public SipTransactionLayerTests()
    {
        _layer = new SipTransactionLayer(_sender, _time, Options.Create(_timers), NullLogger<SipTransactionLayer>.Instance)
        {
            OnRequest = tx =>
            {
                _received.Add(tx);
                return Task.CompletedTask;
            },
        };
    }

    [Fact]
    public async Task Non_invite_retransmission_gets_the_last_response_again_until_timer_j()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Options("z9hG4bKnon1")), Phone);
        var tx = _received.ShouldHaveSingleItem();
        await tx.RespondAsync(tx.CreateResponse(200, "OK"));

        await _layer.ReceiveRequestAsync(Request(SipMessages.Options("z9hG4bKnon1")), Phone);
        _received.Count.ShouldBe(1);
        _sender.Responses.Select(r => r.StatusCode).ShouldBe([200, 200]);
        _sender.Responses[1].To!.Tag.ShouldBe(_sender.Responses[0].To!.Tag);

        _time.Advance(_timers.TransactionTimeout);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _layer.ServerTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Non_invite_over_tcp_terminates_at_once_after_the_final_response()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Options("z9hG4bKnon2", "TCP")), PhoneTcp);
        var tx = _received.ShouldHaveSingleItem();
        await tx.RespondAsync(tx.CreateResponse(200, "OK"));
        _time.Advance(TimeSpan.Zero);
        _layer.ServerTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Invite_gets_100_trying_after_200_ms_when_the_handler_is_slow()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv1")), Phone);
        _time.Advance(TimeSpan.FromMilliseconds(199));
        _sender.Sent.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var trying = _sender.Responses.ShouldHaveSingleItem();
        trying.StatusCode.ShouldBe(100);
        trying.To!.Tag.ShouldBeNull();
        trying.TopVia!.Received.ShouldBe("127.0.0.1");
        trying.TopVia.RPort.ShouldBe(5070);
    }

    [Fact]
    public async Task Invite_error_response_is_retransmitted_on_timer_g_until_the_ack()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv2")), Phone);
        var tx = _received.ShouldHaveSingleItem();
        await tx.RespondAsync(tx.CreateResponse(486, "Busy Here"));
        // Timer G: T1, 2T1, 4T1 = 0.5 s, 1 s, 2 s after each other.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _time.Advance(TimeSpan.FromMilliseconds(1000));
        _time.Advance(TimeSpan.FromMilliseconds(2000));
        _sender.Responses.Count(r => r.StatusCode == 486).ShouldBe(4);

        var passedUp = 0;
        _layer.OnAck = (_, _) =>
        {
            passedUp++;
            return Task.CompletedTask;
        };
        await _layer.ReceiveRequestAsync(Ack(tx), Phone);
        tx.State.ShouldBe(SipTransactionState.Terminated);
        _time.Advance(TimeSpan.FromSeconds(4));
        _sender.Responses.Count(r => r.StatusCode == 486).ShouldBe(4);
        // Timer I's part (RFC 3261 17.2.1): a retransmitted ACK is absorbed, not taken for the ACK of a 2xx.
        await _layer.ReceiveRequestAsync(Ack(tx), Phone);
        passedUp.ShouldBe(0);
        _layer.ServerTransactionCount.ShouldBe(1, "only the key lingers");
        _time.Advance(_timers.TransactionTimeout);
        _layer.ServerTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Invite_error_response_without_ack_gives_up_on_timer_h()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv3")), Phone);
        var tx = _received.ShouldHaveSingleItem();
        await tx.RespondAsync(tx.CreateResponse(404, "Not Found"));
        _time.Advance(_timers.TransactionTimeout - TimeSpan.FromMilliseconds(1));
        tx.State.ShouldBe(SipTransactionState.Completed);
        // Intervals cap at T2: 0.5, 1, 2, 4, 4, ... within 32 s.
        _sender.Responses.Count(r => r.StatusCode == 404).ShouldBe(1 + 3 + 7);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        tx.State.ShouldBe(SipTransactionState.Terminated);
    }

    [Fact]
    public async Task Invite_2xx_is_retransmitted_until_the_ack_for_it()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv4")), Phone);
        var tx = _received.ShouldHaveSingleItem();
        await tx.RespondAsync(tx.CreateResponse(200, "OK"));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _sender.Responses.Count(r => r.StatusCode == 200).ShouldBe(2);

        // The ACK for a 2xx is a new transaction (new branch): matched by Call-ID and CSeq.
        SipRequest? dialogAck = null;
        _layer.OnAck = (ack, _) =>
        {
            dialogAck = ack;
            return Task.CompletedTask;
        };
        await _layer.ReceiveRequestAsync(Ack(tx, "z9hG4bKack2xx"), Phone);
        dialogAck.ShouldNotBeNull();
        _time.Advance(TimeSpan.FromSeconds(10));
        _sender.Responses.Count(r => r.StatusCode == 200).ShouldBe(2);
    }

    [Fact]
    public async Task Invite_retransmitted_after_the_ack_for_its_2xx_is_absorbed_until_timer_l()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv6")), Phone);
        var tx = _received.ShouldHaveSingleItem();
        await tx.RespondAsync(tx.CreateResponse(200, "OK"));
        _layer.OnAck = (_, _) => Task.CompletedTask;
        await _layer.ReceiveRequestAsync(Ack(tx, "z9hG4bKack6"), Phone);

        // RFC 6026 8.7: until timer L, a retransmission is absorbed: no new transaction for the TU, nothing sent.
        _time.Advance(TimeSpan.FromSeconds(20));
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv6")), Phone);
        _received.Count.ShouldBe(1);
        _sender.Responses.Count.ShouldBe(1);

        _time.Advance(_timers.TransactionTimeout);
        _layer.ServerTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Invite_over_tcp_is_never_retransmitted()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv5", transport: "TCP")), PhoneTcp);
        var tx = _received.ShouldHaveSingleItem();
        await tx.RespondAsync(tx.CreateResponse(480, "Temporarily Unavailable"));
        _time.Advance(TimeSpan.FromSeconds(10));
        _sender.Responses.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Cancel_gets_200_and_the_invite_gets_487()
    {
        await _layer.ReceiveRequestAsync(Request(SipMessages.Invite("z9hG4bKinv6")), Phone);
        var tx = _received.ShouldHaveSingleItem();
        var cancel = SipMessages.Invite("z9hG4bKinv6").Replace("INVITE sip", "CANCEL sip", StringComparison.Ordinal)
            .Replace("314159 INVITE", "314159 CANCEL", StringComparison.Ordinal);
        await _layer.ReceiveRequestAsync(Request(cancel), Phone);

        tx.Cancelled.IsCancellationRequested.ShouldBeTrue();
        _sender.Responses.Select(r => (r.StatusCode, r.CSeq!.Value.Method)).ShouldBe([(200, "CANCEL"), (487, "INVITE")]);
        _received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Cancel_for_an_unknown_invite_gets_481()
    {
        var cancel = SipMessages.Invite("z9hG4bKnone").Replace("INVITE sip", "CANCEL sip", StringComparison.Ordinal)
            .Replace("314159 INVITE", "314159 CANCEL", StringComparison.Ordinal);
        await _layer.ReceiveRequestAsync(Request(cancel), Phone);
        _sender.Responses.ShouldHaveSingleItem().StatusCode.ShouldBe(481);
    }

    [Fact]
    public async Task Client_non_invite_retransmits_on_timer_e_and_times_out_with_408()
    {
        var tx = await _layer.SendRequestAsync(Request(SipMessages.Options("z9hG4bKcli1")), Phone);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _time.Advance(TimeSpan.FromMilliseconds(1000));
        _sender.Requests.Count.ShouldBe(3);
        _time.Advance(_timers.TransactionTimeout);
        var final = await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5));
        final.StatusCode.ShouldBe(408);
        _layer.ClientTransactionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Client_invite_acks_an_error_response_itself_and_again_for_its_retransmission()
    {
        var tx = await _layer.SendRequestAsync(Request(SipMessages.Invite("z9hG4bKcli2")), Phone);
        var ringing = Response(SipMessages.Invite("z9hG4bKcli2"), 180, "Ringing");
        _layer.ReceiveResponse(ringing);
        _layer.ReceiveResponse(Response(SipMessages.Invite("z9hG4bKcli2"), 486, "Busy Here"));
        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(486);
        var ack = _sender.Requests.Last();
        ack.Method.ShouldBe("ACK");
        ack.CSeq.ShouldBe(new SipCSeq(314159, "ACK"));
        ack.TopVia!.Branch.ShouldBe("z9hG4bKcli2");
        ack.To!.Tag.ShouldBe("callee");

        _layer.ReceiveResponse(Response(SipMessages.Invite("z9hG4bKcli2"), 486, "Busy Here"));
        _sender.Requests.Count(r => r.Method == "ACK").ShouldBe(2);
        // Timer A stopped at the 180: only the first INVITE went out.
        _time.Advance(TimeSpan.FromSeconds(2));
        _sender.Requests.Count(r => r.Method == "INVITE").ShouldBe(1);
    }

    [Fact]
    public async Task Client_invite_that_got_a_provisional_rings_past_64_t1_without_a_local_408()
    {
        // RFC 3261 17.1.1.2: timer B times out only an INVITE still in Calling; a ringing one waits for its TU.
        var tx = await _layer.SendRequestAsync(Request(SipMessages.Invite("z9hG4bKcli3")), Phone);
        _layer.ReceiveResponse(Response(SipMessages.Invite("z9hG4bKcli3"), 183, "Session Progress"));

        _time.Advance(_timers.TransactionTimeout * 2);

        tx.FinalResponse.IsCompleted.ShouldBeFalse();
        _layer.ReceiveResponse(Response(SipMessages.Invite("z9hG4bKcli3"), 200, "OK"));
        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Ringing_client_invite_whose_cancel_gets_no_487_is_given_up_64_t1_after_the_cancel()
    {
        // RFC 3261 9.1: a peer that never sends the final response after our CANCEL does not keep the INVITE alive.
        var tx = await _layer.SendRequestAsync(Request(SipMessages.Invite("z9hG4bKcli5")), Phone);
        _layer.ReceiveResponse(Response(SipMessages.Invite("z9hG4bKcli5"), 180, "Ringing"));
        _time.Advance(_timers.TransactionTimeout * 2);
        var cancel = SipMessages.Invite("z9hG4bKcli5").Replace("INVITE sip", "CANCEL sip", StringComparison.Ordinal)
            .Replace("314159 INVITE", "314159 CANCEL", StringComparison.Ordinal);
        await _layer.SendRequestAsync(Request(cancel), Phone);

        _time.Advance(_timers.TransactionTimeout - TimeSpan.FromTicks(1));
        tx.FinalResponse.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromTicks(1));

        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(408);
    }

    [Fact]
    public async Task Client_invite_without_any_response_times_out_with_408_at_64_t1()
    {
        var tx = await _layer.SendRequestAsync(Request(SipMessages.Invite("z9hG4bKcli4")), Phone);

        _time.Advance(_timers.TransactionTimeout);

        (await tx.FinalResponse.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.ShouldBe(408);
    }

    [Fact]
    public void A_response_matching_no_transaction_is_dropped()
    {
        _layer.ReceiveResponse(Response(SipMessages.Options("z9hG4bKstray"), 200, "OK"));
        _sender.Sent.ShouldBeEmpty();
    }

    private static SipRequest Request(string text) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));

    private static SipResponse Response(string requestText, int status, string reason)
    {
        using var request = Request(requestText);
        return (SipResponse)SipMessageParser.ParseDatagram(SipResponseFactory.Create(request, status, reason, "callee", null).ToBytes());
    }

    private static SipRequest Ack(SipServerTransaction tx, string? branch = null)
    {
        var invite = tx.Request;
        var ack = new SipRequest("ACK", invite.RequestUri);
        ack.Add(SipHeaderId.Via, $"SIP/2.0/UDP 192.0.2.10:5060;branch={branch ?? invite.TopVia!.Branch}")
            .Add(SipHeaderId.From, invite.Get(SipHeaderId.From)!)
            .Add(SipHeaderId.To, $"{invite.Get(SipHeaderId.To)};tag={tx.ToTag}")
            .Add(SipHeaderId.CallId, invite.CallId!)
            .Add(SipHeaderId.CSeq, $"{invite.CSeq!.Value.Number} ACK");
        return Request(ack.ToString());
    }
}
