using System.Diagnostics;
using System.Globalization;
using Pbx.Grains.Media;
using Pbx.MediaNode.Codecs;
using Pbx.TestSupport;

namespace Pbx.MediaNode.Tests.Engine;

public sealed class MixingAndRecordingTests : IAsyncLifetime
{
    private readonly MediaEngineHarness _node = new();
    private readonly RtpPhone _alice = new(0xA11CE);
    private readonly RtpPhone _bob = new(0xB0B);
    private readonly RtpPhone _carol = new(0xCA201);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _alice.Dispose();
        _bob.Dispose();
        _carol.Dispose();
    }

    [Fact]
    public async Task Each_member_of_a_three_party_conference_hears_the_sum_of_the_others_and_a_muted_member_is_heard_by_nobody()
    {
        (RtpPhone Phone, short Level)[] members = [(_alice, 1000), (_bob, 2000), (_carol, 4000)];
        var endpoints = new List<(string Id, int Port)>();
        foreach (var (phone, _) in members)
        {
            var endpoint = await _node.AnswerAsync(phone);
            await _node.Engine.JoinConferenceAsync("room-1", endpoint.Id);
            endpoints.Add((endpoint.Id, endpoint.Port));
        }

        var heard = await TalkAsync(members, endpoints, frames: 25);
        heard[0].ShouldBe(6000, 6000 * 0.05, "Alice hears Bob + Carol");
        heard[1].ShouldBe(5000, 5000 * 0.05, "Bob hears Alice + Carol");
        heard[2].ShouldBe(3000, 3000 * 0.05, "Carol hears Alice + Bob");

        await _node.Engine.SetConferenceMuteAsync(endpoints[2].Id, muted: true);
        heard = await TalkAsync(members, endpoints, frames: 25);
        heard[0].ShouldBe(2000, 2000 * 0.05, "Alice no longer hears the muted Carol");
        heard[2].ShouldBe(3000, 3000 * 0.05, "muted Carol still hears the others");
    }

    [Fact]
    public async Task A_stereo_recording_of_a_bridged_call_is_a_wav_file_sox_reads_with_the_call_duration()
    {
        var sox = ExternalTool.Require("sox", "sox");
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);
        await _node.Engine.BridgeAsync(a.Id, b.Id);
        var clock = Stopwatch.StartNew();
        var path = await _node.Engine.StartRecordingAsync(new RecordingRequest("call-42", a.Id, b.Id));

        await Task.WhenAll(
            _alice.SendPacedAsync(a.Port, 0, _ => Constant(3000), 50),
            _bob.SendPacedAsync(b.Port, 0, _ => Constant(600), 50));
        await _node.Engine.StopRecordingAsync("call-42");
        var elapsed = clock.Elapsed.TotalSeconds;

        path.ShouldStartWith(Path.GetFullPath(_node.Options.RecordingsDirectory));
        (await Run(sox, "--i", "-c", path)).ShouldBe("2");
        (await Run(sox, "--i", "-r", path)).ShouldBe("8000");
        var duration = double.Parse(await Run(sox, "--i", "-D", path), CultureInfo.InvariantCulture);
        // At least the second of audio both sent, at most the wall-clock time the recording ran (silence included).
        duration.ShouldBeInRange(0.95, elapsed + 0.1);
        // Caller left, callee right: each channel carries its own party's level.
        (await MaximumAmplitude(sox, path, channel: 1)).ShouldBe(3000 / 32768.0, 0.005);
        (await MaximumAmplitude(sox, path, channel: 2)).ShouldBe(600 / 32768.0, 0.002);
    }

    private static async Task<double> MaximumAmplitude(string sox, string path, int channel)
    {
        var stat = await Run(sox, path, "-n", "remix", channel.ToString(CultureInfo.InvariantCulture), "stat");
        var line = stat.Split('\n').Single(l => l.StartsWith("Maximum amplitude", StringComparison.Ordinal));
        return double.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_prompt_then_a_bridge_then_hold_music_reach_the_phone_as_one_continuous_stream()
    {
        var prompt = Path.Combine(_node.Options.RecordingsDirectory, "welcome.wav");
        Directory.CreateDirectory(_node.Options.RecordingsDirectory);
        WriteWav(prompt, samples: 8 * 160);
        var a = await _node.AnswerAsync(_alice);
        var b = await _node.AnswerAsync(_bob);

        await _node.Engine.PlayAsync(b.Id, new PlaybackRequest("welcome", prompt));
        (await b.Events.NextAsync<PlaybackCompleted>()).Outcome.ShouldBe(PlaybackOutcome.Finished);
        var received = await _bob.CollectAsync(TimeSpan.FromMilliseconds(100));
        received.Count.ShouldBe(8, "a 160 ms prompt is eight 20 ms packets");

        await _node.Engine.BridgeAsync(a.Id, b.Id);
        await _alice.SendPacedAsync(a.Port, 0, _ => Constant(1000), 5);
        received.AddRange(await _bob.CollectAsync(TimeSpan.FromMilliseconds(100)));

        await _node.Engine.PlayAsync(b.Id, new PlaybackRequest("moh", prompt, Loop: true));
        for (var i = 0; i < 5; i++)
            received.Add(await _bob.ReceiveAsync());
        await _node.Engine.StopPlaybackAsync(b.Id);
        (await b.Events.NextAsync<PlaybackCompleted>()).Outcome.ShouldBe(PlaybackOutcome.Stopped);

        received.Count.ShouldBe(18);
        received.Select(p => p.Ssrc).Distinct().ShouldHaveSingleItem();
        for (var i = 1; i < received.Count; i++)
        {
            ((ushort)(received[i].Sequence - received[i - 1].Sequence)).ShouldBe((ushort)1, $"packet {i}");
            (received[i].Timestamp - received[i - 1].Timestamp).ShouldBeInRange(160u, 8000u, $"packet {i}");
        }
    }

    [Fact]
    public async Task A_prompt_that_cannot_be_read_is_reported_as_failed()
    {
        var a = await _node.AnswerAsync(_alice);

        await _node.Engine.PlayAsync(a.Id, new PlaybackRequest("missing", "no-such-prompt.wav"));

        (await a.Events.NextAsync<PlaybackCompleted>()).Outcome.ShouldBe(PlaybackOutcome.Failed);
    }

    private static async Task<double[]> TalkAsync((RtpPhone Phone, short Level)[] members, List<(string Id, int Port)> endpoints, int frames)
    {
        // The conference sends every 20 ms whether anyone talks or not: listen while talking, one packet per frame sent.
        foreach (var (phone, _) in members)
            phone.Discard();
        var listening = members.Select(m => ListenAsync(m.Phone, frames)).ToArray();
        await Task.WhenAll(members.Select((m, i) => m.Phone.SendPacedAsync(endpoints[i].Port, 0, _ => Constant(m.Level), frames)));
        var heard = await Task.WhenAll(listening);
        return heard.Select(packets => packets
            .Select(p => (double)G711.MuLawToLinear(p.Payload[80]))
            .Where(v => v != 0)
            // Steady state: the level most packets carry (the first frames mix in members not yet heard).
            .GroupBy(v => Math.Round(v / 100))
            .OrderByDescending(g => g.Count())
            .First()
            .Average()).ToArray();
    }

    private static async Task<List<ReceivedRtp>> ListenAsync(RtpPhone phone, int count)
    {
        var packets = new List<ReceivedRtp>();
        for (var i = 0; i < count; i++)
            packets.Add(await phone.ReceiveAsync());
        return packets;
    }

    private static byte[] Constant(short level)
    {
        var payload = new byte[160];
        Array.Fill(payload, G711.LinearToMuLaw(level));
        return payload;
    }

    private static void WriteWav(string path, int samples)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(16000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
            writer.Write((short)(Math.Sin(i * 2 * Math.PI * 440 / 8000) * 8000));
    }

    private static async Task<string> Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{tool} {string.Join(' ', arguments)} failed: {error}");
        return (output + error).Trim();
    }
}
