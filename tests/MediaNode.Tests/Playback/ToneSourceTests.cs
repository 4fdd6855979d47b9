using Pbx.TestSupport;
using Pbx.MediaNode.Playback;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Playback;

public sealed class ToneSourceTests
{
    [Fact]
    public void European_busy_tone_is_425Hz_half_a_second_on_half_a_second_off()
    {
        var samples = ToneMeter.ReadAll(new ToneSource(TonePlan.Europe.Busy, TimeSpan.FromSeconds(2)));

        samples.Length.ShouldBe(16000);
        Goertzel.ToneShare(samples.AsSpan(0, 4000), 425).ShouldBeGreaterThan(0.98);
        ToneMeter.Rms(samples.AsSpan(4000, 4000)).ShouldBe(0);
        Goertzel.ToneShare(samples.AsSpan(8000, 4000), 425).ShouldBeGreaterThan(0.98);
        ToneMeter.Rms(samples.AsSpan(12000, 4000)).ShouldBe(0);
    }

    [Fact]
    public void European_ringback_is_one_second_on_four_off_at_minus_13_dBm0()
    {
        var samples = ToneMeter.ReadAll(new ToneSource(TonePlan.Europe.Ringback, TimeSpan.FromSeconds(5)));

        ToneMeter.Rms(samples.AsSpan(0, 8000)).ShouldBe(32124 / 1.4408 * Math.Pow(10, -13 / 20.0) / Math.Sqrt(2), tolerance: 20);
        ToneMeter.Rms(samples.AsSpan(8000, 32000)).ShouldBe(0);
    }

    [Fact]
    public void North_American_ringback_carries_both_440_and_480Hz()
    {
        var samples = ToneMeter.ReadAll(new ToneSource(TonePlan.NorthAmerica.Ringback, TimeSpan.FromSeconds(1)));

        Goertzel.ToneShare(samples, 440).ShouldBe(0.5, tolerance: 0.05);
        Goertzel.ToneShare(samples, 480).ShouldBe(0.5, tolerance: 0.05);
    }

    [Fact]
    public void A_tone_without_duration_never_ends()
    {
        var source = new ToneSource(TonePlan.Europe.Dial);
        var frame = new short[160];
        for (int i = 0; i < 1000; i++)
            source.Read(frame).ShouldBe(160);
    }
}
