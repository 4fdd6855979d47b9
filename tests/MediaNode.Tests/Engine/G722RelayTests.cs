using Pbx.TestSupport;
using Pbx.MediaNode.Codecs;

namespace Pbx.MediaNode.Tests.Engine;

/// <summary>A G.722 phone bridged to a PCMU phone over real UDP: each hears the other's tone through the transcoding relay.</summary>
public sealed class G722RelayTests : IAsyncLifetime
{
    private const int Packets = 50;
    private const double ToneHz = 1000;
    private readonly MediaEngineHarness _node = new();
    private readonly RtpPhone _wideband = new(0x722);
    private readonly RtpPhone _narrowband = new(0x711);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _wideband.Dispose();
        _narrowband.Dispose();
    }

    [Fact]
    public async Task A_g722_tone_reaches_the_pcmu_phone_as_the_same_tone_and_back()
    {
        var wide = await _node.AnswerAsync(_wideband, "9 101");
        var narrow = await _node.AnswerAsync(_narrowband, "0 101");
        await _node.Engine.BridgeAsync(wide.Id, narrow.Id);

        var encoder = new G722Encoder();
        var payload = new byte[160];
        for (var i = 0; i < Packets; i++)
        {
            encoder.Encode(Tone(16000, 320, i * 320), payload);
            _wideband.Send(wide.Port, 9, payload);
        }
        var atNarrow = await _narrowband.CollectAsync(TimeSpan.FromSeconds(1));

        atNarrow.Count.ShouldBe(Packets);
        atNarrow.ShouldAllBe(p => p.PayloadType == 0 && p.Payload.Length == 160);
        var heard = new short[Packets * 160];
        for (var i = 0; i < Packets; i++)
            G711.DecodeMuLaw(atNarrow[i].Payload, heard.AsSpan(i * 160, 160));
        ToneShare(heard, 8000).ShouldBeGreaterThan(0.9, "the PCMU phone hears the 1 kHz tone");

        for (var i = 0; i < Packets; i++)
        {
            G711.EncodeMuLaw(Tone(8000, 160, i * 160), payload);
            _narrowband.Send(narrow.Port, 0, payload);
        }
        var atWide = await _wideband.CollectAsync(TimeSpan.FromSeconds(1));

        atWide.Count.ShouldBe(Packets);
        atWide.ShouldAllBe(p => p.PayloadType == 9 && p.Payload.Length == 160);
        var decoder = new G722Decoder();
        var decoded = new short[Packets * 320];
        for (var i = 0; i < Packets; i++)
            decoder.Decode(atWide[i].Payload, decoded.AsSpan(i * 320, 320));
        ToneShare(decoded, 16000).ShouldBeGreaterThan(0.9, "the G.722 phone hears the 1 kHz tone");
    }

    private static short[] Tone(int rate, int count, int start)
    {
        var samples = new short[count];
        for (var i = 0; i < count; i++)
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * ToneHz * (start + i) / rate));
        return samples;
    }

    /// <summary>Share of the signal's energy at the tone, after the first 100 ms while the codecs adapt.</summary>
    private static double ToneShare(short[] samples, int rate) => Goertzel.ToneShare(samples.AsSpan(rate / 10), ToneHz, rate);
}
