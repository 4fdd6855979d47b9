using System.Diagnostics;
using Pbx.Grains.Media;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>
/// The media clock visits only legs with audio work each tick, and every leg once a second for RTCP and the media timeout:
/// a leg must get its ticks as soon as it has work, whatever it was before, and every leg must still be watched.
/// </summary>
public sealed class MediaClockTests : IAsyncLifetime
{
    private readonly MediaEngineHarness _node = new(o => o.MediaTimeout = TimeSpan.FromMilliseconds(300));
    private readonly RtpPhone _alice = new(0xA11CE);
    private readonly RtpPhone _bob = new(0xB0B);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public async Task A_relay_leg_put_on_hold_music_gets_a_frame_every_20_ms_and_only_relayed_audio_after_it_stops()
    {
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        await _node.Engine.BridgeAsync(a.Id, b.Id);
        _alice.Send(a.Port, 0, new byte[160]);
        await _bob.ReceiveAsync();

        await _node.Engine.PlayAsync(b.Id, new PlaybackRequest("moh", null, MediaTone.Ringback));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 25; i++)
            await _bob.ReceiveAsync();
        await _node.Engine.StopPlaybackAsync(b.Id);

        // 25 frames of a 20 ms clock take about 500 ms: far fewer would mean the leg missed ticks.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1.5));
        (await b.Events.NextAsync<PlaybackCompleted>()).Outcome.ShouldBe(PlaybackOutcome.Stopped);
        // A frame the clock was sending as the music stopped may still be on its way.
        await _bob.CollectAsync(TimeSpan.FromMilliseconds(100));
        var payload = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();
        _alice.Send(a.Port, 0, payload);
        (await _bob.ReceiveAsync()).Payload.ShouldBe(payload);
        (await _bob.StaysSilentAsync(TimeSpan.FromMilliseconds(200))).ShouldBeTrue("nothing is generated for the leg any more");
    }

    [Fact]
    public async Task Every_leg_that_falls_silent_times_out_whichever_tick_of_the_second_it_is_checked_on()
    {
        // Consecutive legs are checked on different ticks of the second (the clock wheel): all of them must be watched.
        var phones = Enumerable.Range(0, 6).Select(i => new RtpPhone((uint)(0x1000 + i))).ToList();
        try
        {
            var legs = new List<(string Id, int Port, RecordingObserver Events)>();
            foreach (var phone in phones)
                legs.Add(await _node.AnswerAsync(phone));
            for (var i = 0; i < phones.Count; i++)
                phones[i].Send(legs[i].Port, 0, new byte[160]);

            foreach (var leg in legs)
                (await leg.Events.NextAsync<MediaTimedOut>(TimeSpan.FromSeconds(3))).EndpointId.ShouldBe(leg.Id);
        }
        finally
        {
            foreach (var phone in phones)
                phone.Dispose();
        }
    }

    [Fact]
    public async Task A_leg_sent_keys_while_only_relaying_sends_them_and_then_relays_again()
    {
        var a = await _node.AnswerAsync(_alice, "0 101");
        var b = await _node.AnswerAsync(_bob, "0 101");
        await _node.Engine.BridgeAsync(a.Id, b.Id);

        await _node.Engine.SendDtmfAsync(b.Id, "5").WaitAsync(TimeSpan.FromSeconds(3));

        var keys = await _bob.CollectAsync(TimeSpan.FromMilliseconds(100));
        keys.Count(p => p.PayloadType == 101).ShouldBe(7, "one key: seven RFC 4733 packets");
        _alice.Send(a.Port, 0, new byte[160]);
        (await _bob.ReceiveAsync()).PayloadType.ShouldBe(0);
    }
}
