using System.Text;
using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Dtmf;
using Pbx.MediaNode.Playback;
using Pbx.MediaNode.Tests.Playback;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Dtmf;

public sealed class InbandDtmfDetectorTests : IDisposable
{
    private readonly AudioTools _tools = new();
    private readonly StringBuilder _digits = new();
    private readonly InbandDtmfDetector _detector;

    public InbandDtmfDetectorTests() => _detector = new InbandDtmfDetector(d => _digits.Append(d));

    public void Dispose() => _tools.Dispose();

    [Fact]
    public void Every_key_generated_in_code_is_detected_once_in_order()
    {
        foreach (char key in DtmfDigits.All)
        {
            Feed(Key(key, 60));
            Feed(Silence(60));
        }

        _digits.ToString().ShouldBe(DtmfDigits.All);
    }

    [Fact]
    public void Keys_that_crossed_a_G711_leg_are_detected()
    {
        foreach (char key in DtmfDigits.All)
        {
            var tone = Key(key, 50);
            var coded = new byte[tone.Length];
            G711.EncodeALaw(tone, coded);
            G711.DecodeALaw(coded, tone);
            Feed(tone);
            Feed(Silence(50));
        }

        _digits.ToString().ShouldBe(DtmfDigits.All);
    }

    [Fact]
    public void A_key_held_for_two_seconds_is_reported_once()
    {
        Feed(Key('5', 2000));
        Feed(Silence(100));

        _digits.ToString().ShouldBe("5");
    }

    [Fact]
    public void The_same_key_pressed_twice_is_reported_twice()
    {
        Feed(Key('7', 80));
        Feed(Silence(50));
        Feed(Key('7', 80));

        _digits.ToString().ShouldBe("77");
    }

    [Fact]
    public void A_burst_shorter_than_ITU_minimum_is_ignored()
    {
        // ITU-T Q.24: signals under 23 ms must not count as a key (a spike of noise, a click).
        Feed(Key('1', 20));
        Feed(Silence(100));

        _digits.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Weak_key_with_twist_under_background_noise_is_detected()
    {
        var (row, column) = DtmfDigits.Frequencies('9');
        var frame = new short[4000];
        // Column 3 dB weaker than row (normal twist) at -20 dBm0, over a -45 dBm0 hiss.
        new ToneSource(new ToneSpec(row, 0, -20, []), TimeSpan.FromMilliseconds(500)).Read(frame);
        var high = new short[4000];
        new ToneSource(new ToneSpec(column, 0, -23, []), TimeSpan.FromMilliseconds(500)).Read(high);
        var random = new Random(7);
        for (int i = 0; i < frame.Length; i++)
            frame[i] = (short)(frame[i] + high[i] + random.Next(-150, 150));

        Feed(frame);

        _digits.ToString().ShouldBe("9");
    }

    [Fact]
    public void Sox_generated_key_sequence_is_detected_once_each_in_order()
    {
        const string sequence = "159#*0D";
        var parts = new List<string>();
        foreach (char key in sequence)
        {
            var (row, column) = DtmfDigits.Frequencies(key);
            var part = _tools.PathOf($"key{parts.Count}.wav");
            _tools.Sox("-n", "-r", "8000", "-c", "1", "-b", "16", part,
                "synth", "0.1", "sine", row.ToString(), "sine", column.ToString(), "channels", "1", "vol", "0.5", "pad", "0", "0.1");
            parts.Add(part);
        }
        var all = _tools.PathOf("sequence.wav");
        _tools.Sox([.. parts, all]);

        using var source = new WavFileSource(all);
        Feed(ToneMeter.ReadAll(source));

        _digits.ToString().ShouldBe(sequence);
    }

    [Fact]
    public void Speech_with_spoken_numbers_gives_no_key()
    {
        var path = _tools.Speak("speech.wav",
            "Thank you for calling. Your account number is 4 7 1 9, and your balance is 3,250 dollars and 86 cents. "
            + "Please press one for sales, two for support, or stay on the line. Our opening hours are nine to five, "
            + "Monday to Friday. Call us back on 0 8 0 0, 5 5 5, 1 2 3 4. Goodbye, and have a wonderful day!");

        using var source = new WavFileSource(path);
        Feed(ToneMeter.ReadAll(source));

        _digits.ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("whitenoise")]
    [InlineData("pinknoise")]
    [InlineData("brownnoise")]
    public void Noise_gives_no_key(string noise)
    {
        var path = _tools.PathOf("noise.wav");
        _tools.Sox("-n", "-r", "8000", "-c", "1", "-b", "16", path, "synth", "10", noise, "vol", "0.3");

        using var source = new WavFileSource(path);
        Feed(ToneMeter.ReadAll(source));

        _digits.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Processing_a_frame_allocates_nothing()
    {
        var tone = Key('3', 1000);
        Feed(tone.AsSpan(0, 160));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 160; i + 160 <= tone.Length; i += 160)
            _detector.Process(tone.AsSpan(i, 160));
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    private static short[] Key(char key, int milliseconds)
    {
        var (row, column) = DtmfDigits.Frequencies(key);
        return ToneMeter.ReadAll(ToneSource.DualTone(row, column, TimeSpan.FromMilliseconds(milliseconds)));
    }

    private static short[] Silence(int milliseconds) => new short[milliseconds * 8];

    private void Feed(ReadOnlySpan<short> samples)
    {
        // In 20 ms frames as RTP delivers them.
        for (int i = 0; i < samples.Length; i += 160)
            _detector.Process(samples.Slice(i, Math.Min(160, samples.Length - i)));
    }
}
