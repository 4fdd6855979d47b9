using Pbx.MediaNode.Codecs;

namespace Pbx.MediaNode.Tests.Codecs;

public sealed class G722Tests
{
    [Theory]
    [InlineData(400)]
    [InlineData(1000)]
    [InlineData(3000)]
    [InlineData(6000)]
    public void A_sine_through_encoder_and_decoder_comes_back_with_good_snr(double frequency)
    {
        const int rate = 16000;
        var input = new short[rate];
        for (var i = 0; i < input.Length; i++)
            input[i] = (short)(10000 * Math.Sin(2 * Math.PI * frequency * i / rate));
        var encoder = new G722Encoder();
        var decoder = new G722Decoder();
        var output = new short[input.Length];
        // 20 ms packets, as on the wire: 320 samples to 160 bytes and back.
        var packet = new byte[160];
        for (var offset = 0; offset < input.Length; offset += 320)
        {
            encoder.Encode(input.AsSpan(offset, 320), packet).ShouldBe(160);
            decoder.Decode(packet, output.AsSpan(offset, 320)).ShouldBe(320);
        }

        SnrDb(input, output).ShouldBeGreaterThan(frequency < 4000 ? 35 : 20, $"{frequency} Hz");
    }

    [Fact]
    public void Silence_stays_silent()
    {
        var encoder = new G722Encoder();
        var decoder = new G722Decoder();
        var packet = new byte[160];
        var output = new short[320];
        for (var i = 0; i < 50; i++)
        {
            encoder.Encode(new short[320], packet);
            decoder.Decode(packet, output);
        }
        output.Max(s => Math.Abs((int)s)).ShouldBeLessThan(16);
    }

    /// <summary>Signal to noise after aligning for the codec's delay (the two QMFs add 23 samples, ITU-T G.722 section 1.3).</summary>
    private static double SnrDb(short[] input, short[] output)
    {
        var best = double.MinValue;
        for (var delay = 0; delay < 40; delay++)
        {
            double signal = 0, noise = 0;
            // Skip the first 100 ms while the adaptive quantisers settle.
            for (var i = 1600; i < input.Length - delay; i++)
            {
                signal += (double)input[i] * input[i];
                var error = output[i + delay] - input[i];
                noise += (double)error * error;
            }
            best = Math.Max(best, 10 * Math.Log10(signal / Math.Max(noise, 1)));
        }
        return best;
    }
}
