using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Calls.Reliable;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Tests.Parsing;
using Pbx.EdgeSip.Tests.Transactions;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls.Reliable;

/// <summary>Reliable provisional responses to a caller's INVITE (RFC 3262 section 3), on a real transaction with a manual clock.</summary>
public sealed class SipReliableResponderTests
{
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingSender _sender = new();
    private readonly SipTimerOptions _timers = new();
    private int _gaveUp;

    [Fact]
    public async Task Reliable_183_carries_require_and_rseq_and_is_sent_again_at_t1_doubling_until_its_prack()
    {
        var (context, responder) = await StartAsync();

        (await responder.SendAsync(EarlyMedia(context), hasSdp: true)).ShouldBeTrue();
        var first = _sender.Responses.ShouldHaveSingleItem();
        first.Get(SipHeaderId.Require).ShouldBe("100rel");
        var rseq = uint.Parse(first.Get("RSeq")!, CultureInfo.InvariantCulture);
        rseq.ShouldBeInRange(1u, (uint)int.MaxValue);
        _time.Advance(_timers.T1);
        _time.Advance(_timers.T1 * 2);
        _sender.Responses.Count.ShouldBe(3);
        _sender.Responses.ShouldAllBe(r => r.Get("RSeq") == first.Get("RSeq"));

        (await responder.AcknowledgeAsync(new SipRAck(rseq, 314159, "INVITE"), () => Task.CompletedTask)).ShouldBeTrue();
        _time.Advance(_timers.T1 * 64);

        _sender.Responses.Count.ShouldBe(3, "no retransmission after the PRACK");
        (await responder.SdpAcknowledgedAsync()).ShouldBeTrue();
        _gaveUp.ShouldBe(0);
    }

    [Theory]
    [InlineData(1, 314159, "INVITE")]
    [InlineData(0, 314158, "INVITE")]
    [InlineData(0, 314159, "BYE")]
    public async Task Prack_naming_another_response_or_request_does_not_acknowledge(int rseqOffset, uint cseq, string method)
    {
        var (context, responder) = await StartAsync();
        await responder.SendAsync(EarlyMedia(context), hasSdp: true);
        var rseq = uint.Parse(_sender.Responses[0].Get("RSeq")!, CultureInfo.InvariantCulture);

        (await responder.AcknowledgeAsync(new SipRAck(rseq + (uint)rseqOffset, cseq, method), () => Task.CompletedTask)).ShouldBeFalse();
        responder.SdpAcknowledgedAsync().IsCompleted.ShouldBeFalse("a 2xx still waits");
    }

    [Fact]
    public async Task Never_pracked_response_is_sent_six_more_times_and_given_up_at_64_t1()
    {
        var (context, responder) = await StartAsync();
        await responder.SendAsync(EarlyMedia(context), hasSdp: true);

        for (var n = 0; n < 6; n++)
            _time.Advance(_timers.T1 * (1 << n));
        _sender.Responses.Count.ShouldBe(7);
        _gaveUp.ShouldBe(0);
        _time.Advance(_timers.T1 - TimeSpan.FromTicks(1));
        _gaveUp.ShouldBe(0);
        _time.Advance(TimeSpan.FromTicks(1));

        _gaveUp.ShouldBe(1, "RFC 3262 section 3: the UAS fails the INVITE after 64*T1");
        (await responder.SdpAcknowledgedAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Second_reliable_response_waits_for_the_first_prack_and_takes_the_next_rseq()
    {
        var (context, responder) = await StartAsync();
        await responder.SendAsync(EarlyMedia(context), hasSdp: true);
        var rseq = uint.Parse(_sender.Responses[0].Get("RSeq")!, CultureInfo.InvariantCulture);

        var second = responder.SendAsync(context.CreateResponse(180, "Ringing"), hasSdp: false);
        second.IsCompleted.ShouldBeFalse();
        _sender.Responses.Count.ShouldBe(1);
        await responder.AcknowledgeAsync(new SipRAck(rseq, 314159, "INVITE"), () => Task.CompletedTask);

        (await second).ShouldBeTrue();
        var ringing = _sender.Responses[^1];
        (ringing.StatusCode, ringing.Get("RSeq")).ShouldBe((180, (rseq + 1).ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Final_response_stops_retransmissions_but_the_prack_still_matches()
    {
        var (context, responder) = await StartAsync();
        await responder.SendAsync(EarlyMedia(context), hasSdp: true);
        var rseq = uint.Parse(_sender.Responses[0].Get("RSeq")!, CultureInfo.InvariantCulture);

        await context.RespondAsync(486, "Busy Here");
        responder.Stop();
        _time.Advance(_timers.T1 * 3);

        _sender.Responses.Count(r => r.StatusCode == 183).ShouldBe(1);
        (await responder.AcknowledgeAsync(new SipRAck(rseq, 314159, "INVITE"), () => Task.CompletedTask)).ShouldBeTrue();
        _gaveUp.ShouldBe(0);
    }

    private async Task<(SipServerContext Context, SipReliableResponder Responder)> StartAsync()
    {
        SipServerTransaction? received = null;
        var layer = new SipTransactionLayer(_sender, _time, Options.Create(_timers), NullLogger<SipTransactionLayer>.Instance)
        {
            OnRequest = transaction =>
            {
                received = transaction;
                return Task.CompletedTask;
            },
        };
        var invite = SipMessages.Invite().Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSupported: 100rel\r\n", StringComparison.Ordinal);
        await layer.ReceiveRequestAsync((SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(invite)), Phone);
        var context = new SipServerContext(received!, new SipOptions());
        return (context, new SipReliableResponder(context, _time, _timers.T1, () =>
        {
            _gaveUp++;
            return Task.CompletedTask;
        }));
    }

    private static SipResponse EarlyMedia(SipServerContext context)
    {
        var response = context.CreateResponse(183, "Session Progress");
        response.Add(SipHeaderId.ContentType, "application/sdp");
        response.Body = Encoding.ASCII.GetBytes(SipMessages.Sdp);
        return response;
    }
}
