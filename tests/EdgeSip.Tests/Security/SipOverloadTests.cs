using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Security;
using Pbx.EdgeSip.Tests.Hosting;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Security;

/// <summary>
/// Overload on the wire: a handler that holds every request stands for a cluster answering slower than phones arrive.
/// The bound is lowered to 10 (default 2,000) so ten held requests reach it.
/// </summary>
public sealed class SipOverloadTests
{
    private static readonly Dictionary<string, string?> LowBound = new() { ["Sip:Overload:MaxPendingRequests"] = "10" };

    [Fact]
    public async Task Past_the_pending_bound_a_new_register_gets_503_with_a_spread_retry_after_and_work_already_started_still_goes_through()
    {
        var held = new HoldingHandler("REGISTER");
        var bye = new HoldingHandler("BYE");
        await using var edge = await EdgeHost.StartAsync(s => s.AddSingleton<ISipRequestHandler>(held).AddSingleton<ISipRequestHandler>(bye), settings: LowBound);
        using var phone = SipProbe.Udp();
        for (var i = 0; i < 10; i++)
            await phone.SendToAsync(Register($"z9hG4bKheld{i}"), edge.Udp);
        await held.Arrived(10).WaitAsync(TimeSpan.FromSeconds(5));

        await phone.SendToAsync(Register("z9hG4bKshed"), edge.Udp);
        var shed = (SipResponse)await phone.ReceiveDatagramAsync();
        shed.StatusCode.ShouldBe(503);
        int.Parse(shed.Get(SipHeaderId.RetryAfter)!, CultureInfo.InvariantCulture).ShouldBeInRange(5, 10);
        edge.Services.GetRequiredService<SipOverloadGuard>().Pending.ShouldBe(10);
        // A REGISTER with credentials finishes a registration whose challenge was already answered: it is served; so
        // is a retransmission of a held request (absorbed by its transaction, not refused) and a request in a dialog.

        await phone.SendToAsync(Register("z9hG4bKauth", authorization: "Authorization: Digest username=\"1001\", realm=\"pbx\", nonce=\"n\", uri=\"sip:127.0.0.1\", response=\"0\"\r\n"), edge.Udp);
        await held.Arrived(11).WaitAsync(TimeSpan.FromSeconds(5));
        await phone.SendToAsync(Register("z9hG4bKheld0"), edge.Udp);
        await phone.SendToAsync(Bye("z9hG4bKbye"), edge.Udp);
        await bye.Arrived(1).WaitAsync(TimeSpan.FromSeconds(5));
        bye.Release();
        ((SipResponse)await phone.ReceiveDatagramAsync()).StatusCode.ShouldBe(200, "a request of a call already up is never shed");

        held.Release();
        for (var i = 0; i < 11; i++)
            ((SipResponse)await phone.ReceiveDatagramAsync()).StatusCode.ShouldBe(200);
        await phone.SendToAsync(Register("z9hG4bKafter"), edge.Udp);
        ((SipResponse)await phone.ReceiveDatagramAsync()).StatusCode.ShouldBe(200, "once the held requests are answered, new ones are served");
    }

    [Theory]
    [InlineData("MaxPendingRequests", "5")]
    [InlineData("RetryAfterSeconds", "0")]
    public void A_bad_overload_setting_is_refused_naming_its_key(string key, string value)
    {
        var options = new SipOverloadOptions();
        typeof(SipOverloadOptions).GetProperty(key)!.SetValue(options, int.Parse(value, CultureInfo.InvariantCulture));

        options.Validate().ShouldHaveSingleItem().ShouldStartWith($"Sip:Overload:{key} is {value}");
    }

    private static string Register(string branch, string authorization = "") =>
        $"REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP phone.invalid;branch={branch}\r\nMax-Forwards: 70\r\n" +
        $"To: <sip:1001@127.0.0.1>\r\nFrom: <sip:1001@127.0.0.1>;tag=r1\r\nCall-ID: {branch}\r\nCSeq: 1 REGISTER\r\n{authorization}" +
        "Contact: <sip:1001@phone.invalid>;expires=60\r\nContent-Length: 0\r\n\r\n";

    private static string Bye(string branch) =>
        $"BYE sip:pbx@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP phone.invalid;branch={branch}\r\nMax-Forwards: 70\r\n" +
        $"To: <sip:2000@127.0.0.1>;tag=pbx-tag\r\nFrom: <sip:1001@127.0.0.1>;tag=r1\r\nCall-ID: call-up\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";

    /// <summary>Holds every request it gets until released, then answers each 200.</summary>
    private sealed class HoldingHandler(string method) : ISipRequestHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<TaskCompletionSource> _arrivals = [];
        private int _count;

        public string Method => method;

        public void Release() => _release.TrySetResult();

        /// <summary>Completes when <paramref name="count"/> requests are held.</summary>
        public Task Arrived(int count)
        {
            lock (_arrivals)
            {
                while (_arrivals.Count < count)
                    _arrivals.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                if (_count >= count)
                    _arrivals[count - 1].TrySetResult();
                return _arrivals[count - 1].Task;
            }
        }

        public async Task HandleAsync(SipServerContext context, CancellationToken cancellationToken)
        {
            lock (_arrivals)
            {
                _count++;
                while (_arrivals.Count < _count)
                    _arrivals.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                _arrivals[_count - 1].TrySetResult();
            }
            await _release.Task;
            await context.RespondAsync(context.CreateResponse(200, "OK"));
        }
    }
}
