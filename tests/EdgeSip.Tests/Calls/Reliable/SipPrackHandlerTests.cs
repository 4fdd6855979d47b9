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
using Pbx.Grains.Calls;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls.Reliable;

/// <summary>
/// A caller's INVITE answered through <see cref="SipReliableResponders"/> and its PRACKs served by <see cref="SipPrackHandler"/>
/// (RFC 3262 section 3), on a real transaction layer with a manual clock.
/// </summary>
public sealed class SipPrackHandlerTests
{
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingSender _sender = new();
    private readonly SipTimerOptions _timers = new();
    private readonly SipTransactionLayer _layer;
    private readonly SipReliableResponders _responders;
    private readonly List<SipServerTransaction> _received = [];

    public SipPrackHandlerTests()
    {
        _layer = new SipTransactionLayer(_sender, _time, Options.Create(_timers), NullLogger<SipTransactionLayer>.Instance)
        {
            OnRequest = transaction =>
            {
                _received.Add(transaction);
                return Task.CompletedTask;
            },
        };
        _responders = new SipReliableResponders(_time, Options.Create(_timers), NullLogger<SipReliableResponders>.Instance);
    }

    [Fact]
    public async Task Early_media_to_a_caller_with_100rel_is_reliable_and_its_prack_gets_200_before_the_2xx_that_waited()
    {
        var invite = await InviteAsync("Supported: 100rel\r\n");
        (await _responders.RespondAsync(invite, EarlyMedia, "sip:pbx@127.0.0.1")).ShouldBeTrue();
        var early = _sender.Responses.Last();
        early.Get(SipHeaderId.Require).ShouldBe("100rel");
        early.Get(SipHeaderId.Allow)!.ShouldContain("PRACK, UPDATE");

        var answered = _responders.RespondAsync(invite, new CallerResponse(200, "OK", SipMessages.Sdp), "sip:pbx@127.0.0.1");
        answered.IsCompleted.ShouldBeFalse("RFC 3262 section 3: no 2xx before the early answer is PRACKed");
        await PrackAsync(invite, $"{early.Get("RSeq")} 314159 INVITE");

        (await answered).ShouldBeTrue();
        _sender.Responses.Select(r => (r.StatusCode, r.CSeq!.Value.Method)).TakeLast(2).ShouldBe([(200, "PRACK"), (200, "INVITE")]);
    }

    [Fact]
    public async Task Caller_without_100rel_gets_early_media_unreliably()
    {
        var invite = await InviteAsync("");

        (await _responders.RespondAsync(invite, EarlyMedia, "sip:pbx@127.0.0.1")).ShouldBeTrue();

        var early = _sender.Responses.Last();
        (early.Get(SipHeaderId.Require), early.Get("RSeq")).ShouldBe((null, null));
        (await _responders.RespondAsync(invite, new CallerResponse(200, "OK", SipMessages.Sdp), "sip:pbx@127.0.0.1")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("1 314159 INVITE", 481)]
    [InlineData("not a rack", 400)]
    public async Task Prack_for_no_reliable_response_gets_481_and_one_without_a_readable_rack_400(string rack, int status)
    {
        var invite = await InviteAsync("Supported: 100rel\r\n");

        await PrackAsync(invite, rack);

        _sender.Responses.Last().StatusCode.ShouldBe(status);
    }

    private static CallerResponse EarlyMedia => new(183, "Session Progress", SipMessages.Sdp);

    private async Task<SipServerContext> InviteAsync(string headers)
    {
        var text = SipMessages.Invite("z9hG4bKprack" + _received.Count)
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n" + headers, StringComparison.Ordinal);
        await _layer.ReceiveRequestAsync(Parse(text), Phone);
        return new SipServerContext(_received[^1], new SipOptions());
    }

    private async Task PrackAsync(SipServerContext invite, string rack)
    {
        var prack =
            "PRACK sip:1002@pbx.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKpr" + _received.Count + ";rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"To: \"Bob\" <sip:1002@pbx.example.com>;tag={invite.Transaction.ToTag}\r\n" +
            "From: \"Alice\" <sip:1001@pbx.example.com>;tag=1928301774\r\n" +
            "Call-ID: a84b4c76e66710@192.0.2.10\r\n" +
            "CSeq: 314160 PRACK\r\n" +
            $"RAck: {rack}\r\n" +
            "Content-Length: 0\r\n\r\n";
        await _layer.ReceiveRequestAsync(Parse(prack), Phone);
        await new SipPrackHandler(_responders).HandleAsync(new SipServerContext(_received[^1], new SipOptions()), CancellationToken.None);
    }

    private static SipRequest Parse(string text) => (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
}
