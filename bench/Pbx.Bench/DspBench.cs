using System.Diagnostics;
using Pbx.MediaNode.Codecs;
using Pbx.MediaNode.Dtmf;
using Pbx.MediaNode.Mixing;
using Pbx.MediaNode.Playback;

namespace Pbx.Bench;

/// <summary>
/// Cost of the media DSP units per 20 ms frame (160 samples at 8 kHz), and how many streams one core could
/// carry at that cost. Allocation per frame is measured too: the target is zero.
/// </summary>
public sealed class DspBench : IBenchSuite
{
    private const int FrameSamples = 160;
    private static readonly double FrameNanoseconds = TimeSpan.FromMilliseconds(20).TotalNanoseconds;

    public string Name => "dsp";

    public Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        int frames = options.Quick ? 20_000 : 200_000;
        var pcm = new short[FrameSamples];
        new ToneSource(ToneSpec.Continuous(697, 1209, -10)).Read(pcm);
        var coded = new byte[FrameSamples];
        var rows = new List<BenchRow>
        {
            Measure("G.711 mu-law encode", frames, () => G711.EncodeMuLaw(pcm, coded)),
            Measure("G.711 mu-law decode", frames, () => G711.DecodeMuLaw(coded, pcm)),
            Measure("G.711 mu-law -> A-law", frames, () => G711.MuLawToALaw(coded, coded)),
        };

        int digits = 0;
        var detector = new InbandDtmfDetector(_ => digits++);
        rows.Add(Measure("in-band DTMF detector", frames, () => detector.Process(pcm)));

        var mixer = new ConferenceMixer(FrameSamples);
        var members = new int[10];
        for (int i = 0; i < members.Length; i++)
            members[i] = mixer.Join();
        rows.Add(Measure("conference tick, 10 members", frames / 10, () =>
        {
            foreach (int member in members)
                mixer.Write(member, pcm);
            mixer.Mix();
        }, streamsPerFrame: members.Length));

        var resampler = new PolyphaseResampler(48_000, 8000, static input => input.Length);
        rows.Add(Measure("resample 48 kHz -> 8 kHz", frames / 10, () => resampler.Read(pcm)));
        var cd = new PolyphaseResampler(44_100, 8000, static input => input.Length);
        rows.Add(Measure("resample 44.1 kHz -> 8 kHz", frames / 10, () => cd.Read(pcm)));
        return Task.FromResult<IReadOnlyList<BenchRow>>(rows);
    }

    private BenchRow Measure(string name, int frames, Action frame, int streamsPerFrame = 1)
    {
        for (int i = 0; i < frames / 10; i++)
            frame();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < frames; i++)
            frame();
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        double perFrame = clock.Elapsed.TotalNanoseconds / frames;
        double streamsPerCore = FrameNanoseconds / perFrame * streamsPerFrame;
        return new BenchRow(Name, name, $"{perFrame:F0} ns/frame", "0 B/frame",
            $"{allocated / (double)frames:F1} B/frame allocated; {streamsPerCore:N0} streams/core at 20 ms; {frames:N0} frames");
    }
}
