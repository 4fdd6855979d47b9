using System.Buffers.Binary;
using Pbx.Grains.Calls;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// Call recording on the wire: sipp phones on an answered call, the recording started from outside (the grain, as the
/// API will), by the extension setting or by Calls:RecordAll; the WAV is read with sox and the row and CDR link with SQL.
/// </summary>
public sealed class CallRecordingTests(CallFeatureFixture fixture) : IClassFixture<CallFeatureFixture>
{
    private PbxHost Pbx => fixture.Host;

    [Fact]
    public async Task Recording_started_on_an_answered_call_is_a_stereo_wav_with_the_caller_left_and_a_row_the_cdr_points_to()
    {
        var caller = await TestPhone.CallerOnlyAsync(Pbx, "5001");
        var callee = await TestPhone.RegisterAsync(Pbx, "5002");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        // The caller plays A-law audio for 1.5 s after the answer, then hangs up.
        await using var uac = Sipp.Start("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var callId = (await TestPhone.NextEventAsync(events, "answered")).Key;
        var call = Pbx.Grains.GetGrain<ICallGrain>(callId);

        (await call.StartRecordingAsync()).ShouldBe(CallActionResult.Done);
        (await call.StartRecordingAsync()).ShouldBe(CallActionResult.NotApplicable, "already recording");
        var started = await TestPhone.NextEventAsync(events, "recording-started", callId);
        started.Data.GetProperty("recording").GetBoolean().ShouldBeTrue();

        (await uac.WaitAsync()).ExitCode.ShouldBe(0);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0);
        var row = (await RecordingRow.CompletedAsync(Pbx.Database, callId)).ShouldHaveSingleItem();
        row.LinkedToCdr.ShouldBeTrue("the CDR's recording_id names the row");
        row.FilePath.ShouldStartWith(fixture.RecordingsDirectory);
        row.SizeBytes.ShouldBe(new FileInfo(row.FilePath).Length);
        File.Exists(row.FilePath + ".part").ShouldBeFalse("the recording was completed when the call ended");
        (await Sox.ChannelsAsync(row.FilePath)).ShouldBe(2);
        var seconds = await Sox.DurationAsync(row.FilePath);
        // From the start request to the hang-up: at most the 1.5 s the caller stays on after the answer, less however long the
        // test took to ask for the recording after seeing the answer (0.8 s once on a loaded 2-core box).
        seconds.ShouldBeInRange(0.3, 4.0, "about the 1.5 s the caller stayed on after the answer");
        (row.DurationMs / 1000.0).ShouldBe(seconds, 0.05);
        // sipp's sample speech is quiet (RMS about 0.01 over the whole file, 0.0025 over its quietest 1.5 s seen on a busy
        // machine, where the recording starts later into it); silence is below 0.001 (A-law's smallest step is 8/32768).
        (await Sox.RmsAsync(row.FilePath, 1)).ShouldBeGreaterThan(0.002, "the caller's audio is on the left channel");
        (await Sox.RmsAsync(row.FilePath, 2)).ShouldBeLessThan(0.001, "the callee sent nothing: the right channel is silent");
        (await call.StopRecordingAsync()).ShouldBe(CallActionResult.NoSuchCall);
    }

    [Fact]
    public async Task Stopping_a_recording_completes_its_file_and_row_while_the_call_goes_on()
    {
        var caller = await TestPhone.CallerOnlyAsync(Pbx, "5011");
        var callee = await TestPhone.RegisterAsync(Pbx, "5012");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        await using var uac = Sipp.Start("uac-hung-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var callId = (await TestPhone.NextEventAsync(events, "answered")).Key;
        var call = Pbx.Grains.GetGrain<ICallGrain>(callId);
        (await call.StopRecordingAsync()).ShouldBe(CallActionResult.NotApplicable, "nothing is being recorded");

        (await call.StartRecordingAsync()).ShouldBe(CallActionResult.Done);
        (await call.StopRecordingAsync()).ShouldBe(CallActionResult.Done);

        var row = (await RecordingRow.CompletedAsync(Pbx.Database, callId)).ShouldHaveSingleItem();
        File.Exists(row.FilePath).ShouldBeTrue();
        (await Sox.ChannelsAsync(row.FilePath)).ShouldBe(2);
        var stopped = await TestPhone.NextEventAsync(events, "recording-stopped", callId);
        stopped.Data.GetProperty("recording").GetBoolean().ShouldBeFalse();
        (await call.HangupAsync()).ShouldBe(CallActionResult.Done, "the call was still up");
        (await uac.WaitAsync()).ExitCode.ShouldBe(0);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Callee_with_record_calls_is_recorded_from_the_answer()
    {
        var caller = await TestPhone.CallerOnlyAsync(Pbx, "5021");
        var callee = await TestPhone.RegisterAsync(Pbx, "5022");
        await Pbx.SetSettingsAsync(callee.Number, """{"recordCalls": true}""");
        using var events = Pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", Pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

        var uac = await Sipp.RunAsync("uac-hangs-up.xml", Pbx.Udp, caller.Number, caller.Port, service: callee.Number);

        uac.ExitCode.ShouldBe(0, uac.Output);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0);
        var answered = await TestPhone.NextEventAsync(events, "answered");
        answered.Data.GetProperty("recording").GetBoolean().ShouldBeTrue("the answered event already says the call is recorded");
        var row = (await RecordingRow.CompletedAsync(Pbx.Database, answered.Key)).ShouldHaveSingleItem();
        row.LinkedToCdr.ShouldBeTrue();
        (await Sox.DurationAsync(row.FilePath)).ShouldBeInRange(0.8, 4.0);
    }

    [Fact]
    public async Task Record_all_records_every_answered_call()
    {
        var directory = Directory.CreateTempSubdirectory("pbx-recordall-").FullName;
        try
        {
            await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("recordall"),
                "--Calls:RecordAll=true", $"--Media:RecordingsDirectory={directory}");
            var caller = await TestPhone.CallerOnlyAsync(pbx, "5031");
            var callee = await TestPhone.RegisterAsync(pbx, "5032");
            using var phone = new RtpSink();
            await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

            var uac = await Sipp.RunAsync("uac-hangs-up.xml", pbx.Udp, caller.Number, caller.Port, service: callee.Number);

            uac.ExitCode.ShouldBe(0, uac.Output);
            var cdr = await CdrRow.ClosedAsync(pbx.Database, caller.Number, callee.Number);
            var row = (await RecordingRow.CompletedAsync(pbx.Database, cdr.CallId)).ShouldHaveSingleItem();
            row.LinkedToCdr.ShouldBeTrue();
            Path.GetDirectoryName(row.FilePath).ShouldBe(directory);
            (await Sox.DurationAsync(row.FilePath)).ShouldBeInRange(0.8, 4.0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Call_goes_on_unrecorded_when_the_recordings_directory_cannot_be_written()
    {
        // A file where the directory should be: the media node cannot create it.
        var notADirectory = Path.GetTempFileName();
        try
        {
            await using var pbx = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("recordfail"),
                "--Calls:RecordAll=true", $"--Media:RecordingsDirectory={notADirectory}");
            var caller = await TestPhone.CallerOnlyAsync(pbx, "5041");
            var callee = await TestPhone.RegisterAsync(pbx, "5042");
            using var phone = new RtpSink();
            await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));

            var uac = await Sipp.RunAsync("uac-hangs-up.xml", pbx.Udp, caller.Number, caller.Port, service: callee.Number);

            uac.ExitCode.ShouldBe(0, "the call was answered and hung up normally: " + uac.Output);
            (await uas.WaitAsync()).ExitCode.ShouldBe(0);
            var cdr = await CdrRow.ClosedAsync(pbx.Database, caller.Number, callee.Number);
            (cdr.Disposition, cdr.HangupSide).ShouldBe(("answered", "caller"));
            await using var count = pbx.Database.CreateCommand("select count(*) from recordings");
            ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
        }
        finally
        {
            File.Delete(notADirectory);
        }
    }

    [Fact]
    public async Task Recording_cut_short_by_a_crash_is_completed_at_start_up()
    {
        var directory = Directory.CreateTempSubdirectory("pbx-recovery-").FullName;
        var path = Path.Combine(directory, "crashed.wav");
        try
        {
            var connectionString = PostgresServer.Shared.CreateDatabase("recrecovery");
            // The first run creates the schema; the row is written after it stopped, so its own start-up pass cannot complete it.
            await (await PbxHost.StartAsync(connectionString, $"--Media:RecordingsDirectory={directory}")).DisposeAsync();
            await using (var database = Npgsql.NpgsqlDataSource.Create(connectionString))
            await using (var insert = database.CreateCommand("insert into recordings (call_id, file_path) values ('crashed@test', $1)"))
            {
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = path });
                await insert.ExecuteNonQueryAsync();
            }
            // What the media node leaves when the process dies: a .part file whose header still counts no audio.
            await WriteTruncatedPartAsync(path + ".part", seconds: 2);

            await using var second = await PbxHost.StartAsync(connectionString, $"--Media:RecordingsDirectory={directory}");

            var row = (await RecordingRow.CompletedAsync(second.Database, "crashed@test")).ShouldHaveSingleItem();
            File.Exists(path + ".part").ShouldBeFalse();
            (await Sox.DurationAsync(path)).ShouldBe(2.0, 0.01, "sox reads the audio the header now accounts for");
            row.DurationMs.ShouldBe(2000);
            row.SizeBytes.ShouldBe(new FileInfo(path).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A stereo 8 kHz 16-bit WAV of <paramref name="seconds"/> of tone made by sox, its header sizes zeroed as at recording start.</summary>
    private static async Task WriteTruncatedPartAsync(string path, int seconds)
    {
        var wav = path + ".src.wav";
        await Sox.SynthesizeAsync(wav, seconds);
        var bytes = await File.ReadAllBytesAsync(wav);
        File.Delete(wav);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 36);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), 0);
        await File.WriteAllBytesAsync(path, bytes);
    }
}
