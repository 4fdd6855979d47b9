using Pbx.TestSupport;
using System.Globalization;
using Pbx.MediaNode.Playback;
using Pbx.MediaNode.Recording;
using Pbx.MediaNode.Tests.Playback;
using Shouldly;
using Xunit;

namespace Pbx.MediaNode.Tests.Recording;

public sealed class WavRecorderTests : IDisposable
{
    private readonly AudioTools _tools = new();

    public void Dispose() => _tools.Dispose();

    [Fact]
    public void Mono_recording_reads_back_in_sox_with_its_duration()
    {
        var path = _tools.PathOf("call.wav");
        var tone = new ToneSource(ToneSpec.Continuous(1000));
        var frame = new short[160];
        using (var recorder = new WavRecorder(path, channels: 1))
        {
            for (int i = 0; i < 125; i++)
            {
                tone.Read(frame);
                recorder.Write(frame);
            }
            File.Exists(path).ShouldBeFalse("the final name appears only once the recording is complete");
        }

        File.Exists(path + WavRecorder.PartialSuffix).ShouldBeFalse();
        Info(path, "-D").ShouldBe("2.500000");
        Info(path, "-c").ShouldBe("1");
        Info(path, "-r").ShouldBe("8000");
        using var playback = new WavFileSource(path);
        Goertzel.ToneShare(ToneMeter.ReadAll(playback), 1000).ShouldBeGreaterThan(0.99);
    }

    [Fact]
    public void Stereo_recording_keeps_caller_left_and_callee_right_with_silence_for_a_missing_side()
    {
        var path = _tools.PathOf("stereo.wav");
        var caller = Enumerable.Repeat((short)1000, 160).ToArray();
        var callee = Enumerable.Repeat((short)-2000, 160).ToArray();
        using (var recorder = new WavRecorder(path, channels: 2))
        {
            recorder.Write(caller, callee);
            recorder.Write(caller, ReadOnlySpan<short>.Empty);
            recorder.Write(ReadOnlySpan<short>.Empty, callee);
        }

        Info(path, "-c").ShouldBe("2");
        Info(path, "-s").ShouldBe("480");
        var interleaved = WavData.ReadPcm16(path);
        (interleaved[0], interleaved[1]).ShouldBe(((short)1000, (short)-2000));
        (interleaved[320], interleaved[321]).ShouldBe(((short)1000, (short)0));
        (interleaved[640], interleaved[641]).ShouldBe(((short)0, (short)-2000));
    }

    [Fact]
    public void A_recording_cut_short_by_a_crash_is_still_readable()
    {
        var path = _tools.PathOf("crash.wav");
        var recorder = new WavRecorder(path, channels: 1);
        var frame = new short[160];
        // Six seconds: past one header refresh, with no Dispose, as if the process died.
        for (int i = 0; i < 300; i++)
            recorder.Write(frame);

        var partial = path + WavRecorder.PartialSuffix;
        double seconds = double.Parse(Info(partial, "-D"), CultureInfo.InvariantCulture);
        seconds.ShouldBeGreaterThanOrEqualTo(WavRecorder.HeaderInterval.TotalSeconds);
        using (var playback = new WavFileSource(partial))
            playback.Length.ShouldBeGreaterThanOrEqualTo(5 * 8000);

        recorder.Dispose();
        Info(path, "-D").ShouldBe("6.000000");
    }

    [Fact]
    public void Writing_a_frame_allocates_nothing()
    {
        var path = _tools.PathOf("alloc.wav");
        using var recorder = new WavRecorder(path, channels: 2);
        var frame = new short[160];
        recorder.Write(frame, frame);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
            recorder.Write(frame, frame);
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    private string Info(string path, string what) => _tools.Sox("--i", what, path).Trim();
}
