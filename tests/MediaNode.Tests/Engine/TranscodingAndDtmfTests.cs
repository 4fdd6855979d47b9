using Pbx.Grains.Media;
using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Dtmf;

namespace Pbx.MediaNode.Tests.Engine;

public sealed class TranscodingAndDtmfTests : IAsyncLifetime
{
    private readonly MediaEngineHarness _node = new();
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
    public async Task A_pcmu_leg_bridged_to_a_pcma_leg_hears_every_sample_transcoded_exactly()
    {
        var a = await _node.AnswerAsync(_alice, "0 101");
        var b = await _node.AnswerAsync(_bob, "8 101");
        await _node.Engine.BridgeAsync(a.Id, b.Id);
        // Every mu-law code once, then every A-law code once the other way.
        var allCodes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        for (var chunk = 0; chunk < 256; chunk += 128)
        {
            var mulaw = allCodes[chunk..(chunk + 128)];
            _alice.Send(a.Port, 0, mulaw);
            var atBob = await _bob.ReceiveAsync();
            atBob.PayloadType.ShouldBe(8);
            atBob.Payload.ShouldBe(mulaw.Select(m => G711.LinearToALaw(G711.MuLawToLinear(m))).ToArray());

            var alaw = allCodes[chunk..(chunk + 128)];
            _bob.Send(b.Port, 8, alaw);
            var atAlice = await _alice.ReceiveAsync();
            atAlice.PayloadType.ShouldBe(0);
            atAlice.Payload.ShouldBe(alaw.Select(x => G711.LinearToMuLaw(G711.ALawToLinear(x))).ToArray());
        }
    }

    [Fact]
    public async Task An_rfc4733_key_press_with_retransmitted_end_packets_is_reported_once_and_relayed()
    {
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        await _node.Engine.BridgeAsync(a.Id, b.Id);

        var sent = SendKey(a.Port, '5', timestamp: 8000);
        SendKey(a.Port, '#', timestamp: 16000);

        (await a.Events.NextAsync<DtmfReceived>()).ShouldBe(new DtmfReceived(a.Id, '5', InBand: false));
        (await a.Events.NextAsync<DtmfReceived>()).Digit.ShouldBe('#');
        var relayed = await _bob.CollectAsync(TimeSpan.FromSeconds(1));
        relayed.Count.ShouldBe(2 * sent);
        relayed.ShouldAllBe(p => p.PayloadType == 101);
        a.Events.Drain<DtmfReceived>().ShouldBeEmpty("the end packets and updates must not repeat the key");
    }

    [Fact]
    public async Task A_key_pressed_during_a_barge_in_prompt_stops_it_and_is_still_reported()
    {
        var a = await _node.AnswerAsync(_alice);
        await _node.Engine.PlayAsync(a.Id, new PlaybackRequest("menu", null, MediaTone.Ringback, BargeIn: true));
        await _alice.ReceiveAsync();

        SendKey(a.Port, '1', timestamp: 4000);

        (await a.Events.NextAsync<DtmfReceived>()).Digit.ShouldBe('1');
        (await a.Events.NextAsync<PlaybackCompleted>()).ShouldBe(new PlaybackCompleted(a.Id, "menu", PlaybackOutcome.BargedIn));
    }

    private int SendKey(int port, char digit, uint timestamp)
    {
        var packets = new TelephoneEventPacket[TelephoneEventSender.PacketCount(TimeSpan.FromMilliseconds(120))];
        var count = TelephoneEventSender.Build(digit, TimeSpan.FromMilliseconds(120), timestamp, packets);
        var payload = new byte[TelephoneEvent.Size];
        foreach (var packet in packets.AsSpan(0, count))
        {
            packet.Event.Write(payload);
            _alice.SendEvent(port, 101, payload, packet.Timestamp, packet.Marker);
        }
        return count;
    }
}
