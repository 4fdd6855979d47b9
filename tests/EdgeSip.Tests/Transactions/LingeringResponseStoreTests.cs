using System.Globalization;
using System.Net;
using System.Text;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Transactions;

/// <summary>Timer J's store: every lingering response answers its own key, to where it went, for 64*T1 and no longer.</summary>
public sealed class LingeringResponseStoreTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(32);
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Thousands_of_responses_over_several_chunks_each_answer_their_own_key_until_64_T1_and_then_none()
    {
        var store = new LingeringResponseStore(_time, Linger);
        // About 4 MB of responses: several 1 MB chunks, entries never split between two.
        for (var i = 0; i < 8000; i++)
            store.Add(Key(i), Source(i), Response(i));

        store.Count.ShouldBe(8000);
        foreach (var i in new[] { 0, 1, 1999, 2000, 4567, 7999 })
        {
            store.TryGet(Key(i), out var source, out var response).ShouldBeTrue();
            source.ShouldBe(Source(i));
            response.ShouldBe(Response(i));
        }
        store.Contains("z9hG4bK-unknown|10.0.0.1:5060|REGISTER").ShouldBeFalse();

        _time.Advance(Linger - TimeSpan.FromMilliseconds(1));
        store.Contains(Key(0)).ShouldBeTrue();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        store.Count.ShouldBe(0);
        store.Contains(Key(0)).ShouldBeFalse();
        store.Contains(Key(7999)).ShouldBeFalse();
    }

    [Fact]
    public void Responses_added_later_outlive_the_older_ones_and_reuse_their_space()
    {
        var store = new LingeringResponseStore(_time, Linger);
        for (var i = 0; i < 3000; i++)
            store.Add(Key(i), Source(i), Response(i));
        _time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 3000; i < 6000; i++)
            store.Add(Key(i), Source(i), Response(i));

        _time.Advance(TimeSpan.FromSeconds(23));

        store.Contains(Key(2999)).ShouldBeFalse();
        store.Count.ShouldBe(3000);
        store.TryGet(Key(3000), out _, out var first).ShouldBeTrue();
        first.ShouldBe(Response(3000));
        for (var i = 6000; i < 9000; i++)
            store.Add(Key(i), Source(i), Response(i));
        store.TryGet(Key(8999), out var last, out var response).ShouldBeTrue();
        last.ShouldBe(Source(8999));
        response.ShouldBe(Response(8999));
        _time.Advance(Linger);
        store.Count.ShouldBe(0);
    }

    [Fact]
    public void A_retransmitted_key_answers_with_the_latest_response()
    {
        var store = new LingeringResponseStore(_time, Linger);
        store.Add(Key(1), Source(1), Response(1));
        store.Add(Key(1), Source(2), Response(2));

        store.TryGet(Key(1), out var source, out var response).ShouldBeTrue();

        source.ShouldBe(Source(2));
        response.ShouldBe(Response(2));
    }

    private static string Key(int i) => $"z9hG4bK-{i.ToString(CultureInfo.InvariantCulture)}-bench|127.0.0.1:5070|REGISTER";

    // Every other source is IPv6, to cover both address sizes.
    private static SipEndPoint Source(int i) => new(SipTransportKind.Udp,
        new IPEndPoint(i % 2 == 0 ? IPAddress.Parse("127.0.0.1") : IPAddress.Parse($"2001:db8::{(i % 65000 + 1).ToString("x", CultureInfo.InvariantCulture)}"), 5000 + (i % 1000)));

    private static byte[] Response(int i) =>
        Encoding.ASCII.GetBytes($"SIP/2.0 200 OK\r\nCSeq: {i.ToString(CultureInfo.InvariantCulture)} REGISTER\r\n{new string('x', 300 + (i % 200))}\r\n\r\n");
}
