using Pbx.TestSupport;
using Pbx.MediaNode.Playback;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Playback;

public sealed class WavFileSourceTests : IDisposable
{
    private readonly AudioTools _tools = new();

    public void Dispose() => _tools.Dispose();

    [Theory]
    [InlineData(8000, 1, "signed-integer", 16)]
    [InlineData(8000, 2, "signed-integer", 16)]
    [InlineData(16000, 1, "signed-integer", 16)]
    [InlineData(16000, 2, "signed-integer", 16)]
    [InlineData(44100, 1, "signed-integer", 16)]
    [InlineData(44100, 2, "signed-integer", 16)]
    [InlineData(48000, 1, "signed-integer", 16)]
    [InlineData(48000, 2, "signed-integer", 16)]
    [InlineData(8000, 1, "mu-law", 8)]
    [InlineData(8000, 1, "a-law", 8)]
    [InlineData(16000, 2, "mu-law", 8)]
    [InlineData(8000, 1, "unsigned-integer", 8)]
    public void One_second_1kHz_tone_plays_as_8000_samples_at_1kHz(int rate, int channels, string encoding, int bits)
    {
        var path = _tools.PathOf("tone.wav");
        _tools.Sox("-n", "-r", rate.ToString(), "-c", channels.ToString(), "-e", encoding, "-b", bits.ToString(), path,
            "synth", "1", "sine", "1000", "vol", "0.5");

        using var source = new WavFileSource(path);
        var samples = ToneMeter.ReadAll(source);

        samples.Length.ShouldBe(8000);
        var middle = samples.AsSpan(1000, 6000);
        Goertzel.ToneShare(middle, 1000).ShouldBeGreaterThan(0.95);
        // Level kept through downmix and resampling: a 0.5 full-scale sine has an RMS of 0.354 x 32767.
        ToneMeter.Rms(middle).ShouldBe(0.5 * 32767 / Math.Sqrt(2), tolerance: 600);
    }

    [Fact]
    public void Content_above_4kHz_does_not_alias_into_the_voice_band()
    {
        var path = _tools.PathOf("high.wav");
        // 5 kHz at 48 kHz would fold to 3 kHz without the low-pass.
        _tools.Sox("-n", "-r", "48000", "-c", "1", "-b", "16", path, "synth", "1", "sine", "5000", "vol", "0.5");

        using var source = new WavFileSource(path);
        var samples = ToneMeter.ReadAll(source);

        // 70 dB stop band: what is left is below the 16-bit noise floor of a 0.5 full-scale tone (11585 RMS).
        ToneMeter.Rms(samples.AsSpan(500, 7000)).ShouldBeLessThan(10);
    }

    [Fact]
    public void Speech_from_espeak_at_22kHz_resamples_to_the_same_duration()
    {
        var path = _tools.Speak("speech.wav", "Please hold, your call is important to us.");
        var info = _tools.Sox("--i", "-D", path);
        double seconds = double.Parse(info, System.Globalization.CultureInfo.InvariantCulture);

        using var source = new WavFileSource(path);
        source.Layout.SampleRate.ShouldBe(22050);
        ((double)ToneMeter.ReadAll(source).Length).ShouldBe(Math.Ceiling(seconds * 8000), tolerance: 1);
    }

    [Fact]
    public void Rewind_plays_the_same_samples_again()
    {
        var path = _tools.PathOf("tone.wav");
        _tools.Sox("-n", "-r", "44100", "-c", "2", "-b", "16", path, "synth", "0.3", "sine", "440");
        using var source = new WavFileSource(path);

        var first = ToneMeter.ReadAll(source);
        source.Rewind();
        var second = ToneMeter.ReadAll(source);

        second.ShouldBe(first);
    }

    [Theory]
    [InlineData("-e", "ima-adpcm", "0x0011")]
    [InlineData("-e", "ms-adpcm", "0x0002")]
    public void Unsupported_format_is_refused_naming_file_and_format(string option, string value, string named)
    {
        var path = _tools.PathOf("odd.wav");
        _tools.Sox("-n", "-r", "8000", "-c", "1", option, value, path, "synth", "0.1", "sine", "440");

        var error = Should.Throw<InvalidDataException>(() => new WavFileSource(path));

        error.Message.ShouldContain(path);
        error.Message.ShouldContain(named);
    }

    [Fact]
    public void A_file_that_is_not_wav_is_refused_naming_it()
    {
        var path = _tools.PathOf("prompt.wav");
        File.WriteAllText(path, "ID3 this is an mp3");

        Should.Throw<InvalidDataException>(() => new WavFileSource(path)).Message.ShouldContain(path);
    }

    [Fact]
    public void Looping_source_plays_music_on_hold_round_and_round()
    {
        var path = _tools.PathOf("moh.wav");
        _tools.Sox("-n", "-r", "8000", "-c", "1", "-b", "16", path, "synth", "0.1", "sine", "600");
        using var looping = new LoopingSource(new WavFileSource(path));

        var frame = new short[160];
        int total = 0;
        for (int i = 0; i < 18; i++)
            total += looping.Read(frame);

        total.ShouldBe(18 * 160);
        looping.Loops.ShouldBe(3);
    }

    [Fact]
    public void Looping_an_empty_file_ends_instead_of_spinning()
    {
        var path = _tools.PathOf("empty.wav");
        _tools.Sox("-n", "-r", "8000", "-c", "1", "-b", "16", path, "trim", "0", "0");
        using var looping = new LoopingSource(new WavFileSource(path));

        looping.Read(new short[160]).ShouldBe(0);
    }

    [Fact]
    public void Mu_law_prompt_passes_through_to_a_PCMU_leg_byte_for_byte()
    {
        var path = _tools.PathOf("prompt.wav");
        _tools.Sox("-n", "-r", "8000", "-c", "1", "-e", "mu-law", path, "synth", "0.5", "sine", "700");
        var (_, stored) = WavData.Read(path);
        using var source = new WavFileSource(path);

        source.CanPassThrough(WavSampleEncoding.MuLaw).ShouldBeTrue();
        source.CanPassThrough(WavSampleEncoding.ALaw).ShouldBeFalse();
        var payload = new byte[160];
        var sent = new List<byte>();
        int read;
        while ((read = source.ReadCoded(payload)) > 0)
            sent.AddRange(payload.AsSpan(0, read));

        sent.ToArray().ShouldBe(stored);
    }

    [Fact]
    public void A_PCM_prompt_cannot_pass_through()
    {
        var path = _tools.PathOf("pcm.wav");
        _tools.Sox("-n", "-r", "8000", "-c", "1", "-b", "16", path, "synth", "0.1", "sine", "700");
        using var source = new WavFileSource(path);

        source.CanPassThrough(WavSampleEncoding.MuLaw).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => source.ReadCoded(new byte[160])).Message.ShouldContain(path);
    }
}
