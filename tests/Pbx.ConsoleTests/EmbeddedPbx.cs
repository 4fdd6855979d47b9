using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pbx.ApiHost.Auth;
using Pbx.Data.Users;
using Pbx.Silo.Startup;
using Pbx.TestSupport;

namespace Pbx.ConsoleTests;

/// <summary>
/// The whole PBX (silo, SIP edge, media, API and console) started in-process the way the Silo executable composes it,
/// in Production, on loopback ports with a throwaway database, with one user per role.
/// </summary>
public sealed class EmbeddedPbx : IAsyncLifetime
{
    public const string Password = "correct horse battery";

    private readonly PostgresDatabase _database = new();

    private readonly int _httpPort = FreePort.Tcp();
    private readonly int _rtpPort = FreePort.UdpAndTcp();
    private readonly Dictionary<string, string?> _siloPorts = FreePort.LoneSilo();
    private readonly string _recordings = Directory.CreateTempSubdirectory("pbx-console-recordings-").FullName;
    private readonly string _prompts = Directory.CreateTempSubdirectory("pbx-console-prompts-").FullName;
    // This PBX's own CDR journal, kept across RestartAsync like a real one's, never another run's.
    private readonly string _cdrJournal = Directory.CreateTempSubdirectory("pbx-console-cdr-journal-").FullName;
    private WebApplication? _app;

    /// <summary>The same on every start, so a browser can reconnect after <see cref="RestartAsync"/>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_httpPort}/");

    public int SipPort { get; } = FreePort.UdpAndTcp();

    public NpgsqlDataSource Db => _app!.Services.GetRequiredService<NpgsqlDataSource>();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        await StartAsync();
        var users = new UserRepository(Db);
        foreach (var role in Roles.All)
            await users.CreateAsync(role, Password, role);
    }

    /// <summary>Stops the PBX and starts it again on the same ports and database, as an operator's restart would.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public Task DisposeAsync() => StopAsync();

    private async Task StartAsync()
    {
        string[] args =
        [
            "--environment=Production",
            $"--Urls=http://127.0.0.1:{_httpPort}",
            $"--Database:ConnectionString={_database.ConnectionString}",
            $"--Sip:Udp:0=127.0.0.1:{SipPort}",
            $"--Sip:Tcp:0=127.0.0.1:{SipPort}",
            "--Media:BindAddress=127.0.0.1",
            $"--Media:RtpPortMin={_rtpPort}",
            $"--Media:RtpPortMax={_rtpPort + 98}",
            $"--Media:RecordingsDirectory={_recordings}",
            $"--Media:PromptsDirectory={_prompts}",
            $"--Recordings:Directory={_recordings}",
            $"--Cdrs:JournalDirectory={_cdrJournal}",
            "--Seed:Enabled=false",
            "--Log:Level=Warning",
            "--Api:Jwt:SigningKey=console-tests-signing-key-of-more-than-32-bytes",
            "--Api:Login:PermitsPerMinute=1000",
            // The same silo ports on every restart: the new silo then supersedes the old one's membership entry at once.
            .. _siloPorts.Select(setting => $"--{setting.Key}={setting.Value}"),
        ];
        _app = PbxApplication.Build(PbxApplication.CreateBuilder(args), new RoleOptions());
        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Creates an extension through the API, as an admin would, with <see cref="Password"/> as its SIP password.</summary>
    public Task CreateExtensionAsync(string number, string displayName) =>
        PostAsAdminAsync("/api/v1/extensions", new { number, displayName, password = Password });

    /// <summary>Posts <paramref name="body"/> to the API as an admin, as a script would; fails unless the API accepts it.</summary>
    public async Task PostAsAdminAsync(string path, object body)
    {
        using var http = await AdminClientAsync();
        var response = await http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An HTTP client of the API signed in as the admin.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await HubClient.SignInAsync(BaseAddress, Roles.Admin, Password));
        return http;
    }

    /// <summary>Inserts a call detail record as the call engine would write it at hang-up.</summary>
    public async Task SeedCdrAsync(
        string caller, string callee, string direction, string disposition, DateTimeOffset startedAt, int durationSeconds, long? recordingId = null)
    {
        await using var command = Db.CreateCommand(
            """
            insert into cdrs (call_id, caller, callee, direction, started_at, answered_at, ended_at, duration_seconds, billable_seconds, disposition, recording_id)
            values (@callId, @caller, @callee, @direction, @startedAt, @answeredAt, @endedAt, @duration, @billable, @disposition, @recordingId)
            """);
        command.Parameters.AddWithValue("callId", $"seed-{Guid.NewGuid():N}");
        command.Parameters.AddWithValue("recordingId", recordingId is { } id ? id : DBNull.Value);
        command.Parameters.AddWithValue("caller", caller);
        command.Parameters.AddWithValue("callee", callee);
        command.Parameters.AddWithValue("direction", direction);
        command.Parameters.AddWithValue("startedAt", startedAt.UtcDateTime);
        command.Parameters.AddWithValue("answeredAt", disposition == "answered" ? startedAt.UtcDateTime.AddSeconds(3) : DBNull.Value);
        command.Parameters.AddWithValue("endedAt", startedAt.UtcDateTime.AddSeconds(durationSeconds + 3));
        command.Parameters.AddWithValue("duration", durationSeconds);
        command.Parameters.AddWithValue("billable", disposition == "answered" ? durationSeconds : 0);
        command.Parameters.AddWithValue("disposition", disposition);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Writes a one-second silent WAV (8 kHz, 16-bit mono) into the recordings folder with its row, as the media node
    /// leaves a finished recording; returns the row's id.
    /// </summary>
    public async Task<long> SeedRecordingAsync(string callId)
    {
        const int sampleRate = 8000;
        var fileName = $"{callId}.wav";
        await using (var file = File.Create(Path.Combine(_recordings, fileName)))
        await using (var writer = new BinaryWriter(file))
        {
            var dataBytes = sampleRate * 2;
            writer.Write("RIFF"u8);
            writer.Write(36 + dataBytes);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(sampleRate);
            writer.Write(sampleRate * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(dataBytes);
            writer.Write(new byte[dataBytes]);
        }
        await using var command = Db.CreateCommand(
            // Completed, as a finished call leaves it: an open one would be taken by the recovery pass for one cut short and re-measured.
            "insert into recordings (call_id, file_path, duration_ms, size_bytes, completed_at) values (@callId, @path, 1000, @size, now()) returning id");
        command.Parameters.AddWithValue("callId", callId);
        command.Parameters.AddWithValue("path", fileName);
        command.Parameters.AddWithValue("size", 44L + (sampleRate * 2));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
