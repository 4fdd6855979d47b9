using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using Pbx.Grains.Calls;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// deploy/backup.sh and deploy/restore.sh as an administrator runs them: a PBX with recorded calls is backed up, the backup
/// is restored into an empty database and another recordings folder, and every CDR and audio file is found there.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pbx-backup-test-");

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_has_every_cdr_and_every_recording_with_its_audio()
    {
        var source = PostgresServer.Shared.CreateDatabase("backup");
        var sourceFiles = Folders("source");
        await using (var pbx = await PbxHost.StartAsync(source, $"--Media:RecordingsDirectory={sourceFiles.Recordings}", "--Calls:RecordAll=true"))
        {
            foreach (var (caller, callee) in new[] { ("5201", "5202"), ("5203", "5204") })
                await RecordedCallAsync(pbx, caller, callee);
        }
        var prompt = await AddPromptAsync(source, sourceFiles.Prompts);
        var backup = Path.Combine(_work.FullName, "backup");
        (await RunAsync("backup.sh", source, sourceFiles, backup)).ShouldContain("2 recordings");

        var target = PostgresServer.Shared.CreateDatabase("restore");
        var targetFiles = Folders("target");
        await RunAsync("restore.sh", target, targetFiles, backup);

        (await CdrsAsync(target)).ShouldBe(await CdrsAsync(source));
        var restored = await RecordingsAsync(target);
        var original = await RecordingsAsync(source);
        restored.Select(r => r.CallId).ShouldBe(original.Select(r => r.CallId));
        foreach (var (before, after) in original.Zip(restored))
        {
            after.Path.ShouldStartWith(targetFiles.Recordings + "/", customMessage: "rows name the restored files");
            Hash(after.Path).ShouldBe(Hash(before.Path), "the restored audio is the recorded audio");
        }
        Hash(Path.Combine(targetFiles.Prompts, prompt)).ShouldBe(Hash(Path.Combine(sourceFiles.Prompts, prompt)), "the restored prompt plays the uploaded audio");
    }

    /// <summary>An uploaded prompt as the prompts library leaves it: its file under the prompts folder, then its row.</summary>
    private static async Task<string> AddPromptAsync(string connectionString, string promptsFolder)
    {
        const string file = "library/backup-test.wav";
        Directory.CreateDirectory(Path.Combine(promptsFolder, "library"));
        var audio = RandomNumberGenerator.GetBytes(1644);
        await File.WriteAllBytesAsync(Path.Combine(promptsFolder, file), audio);
        await using var database = NpgsqlDataSource.Create(connectionString);
        await new Pbx.Data.Prompts.PromptRepository(database).SaveUploadAsync(
            new Pbx.Data.Prompts.PromptAudio("backup-test", "en", file, 100, audio.Length), CancellationToken.None);
        return file;
    }

    [Fact]
    public async Task A_restore_refuses_a_database_that_already_holds_a_pbx()
    {
        var source = PostgresServer.Shared.CreateDatabase("backup");
        var files = Folders("source");
        // Started once for its migrations: the database then holds a PBX's tables, as a running installation's does.
        await using (await PbxHost.StartAsync(source, $"--Media:RecordingsDirectory={files.Recordings}"))
        {
        }
        var backup = Path.Combine(_work.FullName, "backup");
        await RunAsync("backup.sh", source, files, backup);

        var (exitCode, output) = await ScriptAsync("restore.sh", source, Folders("target"), backup);
        exitCode.ShouldNotBe(0);
        output.ShouldContain("is not empty");
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static async Task RecordedCallAsync(PbxHost pbx, string callerNumber, string calleeNumber)
    {
        var caller = await TestPhone.CallerOnlyAsync(pbx, callerNumber);
        var callee = await TestPhone.RegisterAsync(pbx, calleeNumber);
        using var events = pbx.LiveEvents.Subscribe([CallGrain.CallTopic]);
        using var phone = new RtpSink();
        await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, callee.Number, callee.Port, keys: TestPhone.RtpPort(phone));
        await using var uac = Sipp.Start("uac-hangs-up.xml", pbx.Udp, caller.Number, caller.Port, service: callee.Number);
        var callId = (await TestPhone.NextEventAsync(events, "answered")).Key;
        (await uac.WaitAsync()).ExitCode.ShouldBe(0);
        (await uas.WaitAsync()).ExitCode.ShouldBe(0);
        await RecordingRow.CompletedAsync(pbx.Database, callId);
    }

    private (string Recordings, string Prompts, string Keys) Folders(string name)
    {
        var root = Path.Combine(_work.FullName, name);
        return (Path.Combine(root, "recordings"), Path.Combine(root, "prompts"), Path.Combine(root, "keys"));
    }

    /// <summary>Runs a deploy script that must succeed; returns what it printed.</summary>
    private static async Task<string> RunAsync(string script, string connectionString, (string Recordings, string Prompts, string Keys) folders, string backup)
    {
        var (exitCode, output) = await ScriptAsync(script, connectionString, folders, backup);
        exitCode.ShouldBe(0, $"{script} failed: {output}");
        return output;
    }

    /// <summary>Runs a deploy script with the PBX's settings in the environment, as a systemd unit's env file gives them.</summary>
    private static async Task<(int ExitCode, string Output)> ScriptAsync(
        string script, string connectionString, (string Recordings, string Prompts, string Keys) folders, string backup)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "deploy", script), backup])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Database__ConnectionString"] = connectionString,
                ["Media__RecordingsDirectory"] = folders.Recordings,
                ["Media__PromptsDirectory"] = folders.Prompts,
                ["Trunks__KeysDirectory"] = folders.Keys,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await errors + await output);
    }

    private static async Task<List<string>> CdrsAsync(string connectionString)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand(
            "select concat_ws('|', call_id, caller, callee, disposition, started_at, answered_at, ended_at, recording_id) from cdrs order by call_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        rows.Count.ShouldBeGreaterThan(0);
        return rows;
    }

    private static async Task<List<(string CallId, string Path)>> RecordingsAsync(string connectionString)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("select call_id, file_path from recordings order by call_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
