using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests.Interop;

/// <summary>
/// linphonec (liblinphone 5.1, Debian's linphone-cli) as a phone, driven through its standard input as a user types at its
/// prompt. No sound card here: "soundcard use files" makes it send a WAV file ("play") and write what it receives to
/// another ("record", 8 kHz 16-bit mono for G.711), which is what the audio checks read. HOME is its own folder, where
/// liblinphone keeps its database and caches.
/// </summary>
internal sealed class LinphoneUserAgent : ISoftphone
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _folder;
    private readonly string _pbx;
    private int _recordings;

    private LinphoneUserAgent(Process process, string number, string folder, string pbx)
    {
        _process = process;
        _folder = folder;
        _pbx = pbx;
        Number = number;
        Output = new AgentOutput(process, $"linphone {number}");
    }

    public string Number { get; }

    public AgentOutput Output { get; }

    /// <summary>
    /// Starts linphonec as <paramref name="number"/> registering to <paramref name="pbx"/> over <paramref name="transport"/>
    /// ("udp" or "tcp"), auto-answering, sending <paramref name="sourceWav"/> in calls, with RTP from the 50 ports at
    /// <paramref name="rtpPortBase"/>. <paramref name="digestAlgorithm"/> is the account's "algorithm" setting: unset,
    /// linphone answers MD5 even to a challenge offering SHA-256 first; "SHA-256" makes it answer SHA-256 only.
    /// </summary>
    public static async Task<LinphoneUserAgent> StartAsync(string number, IPEndPoint pbx, string transport, string sourceWav, int rtpPortBase,
        string? digestAlgorithm = null)
    {
        var linphonec = ExternalTool.Require("linphonec", "linphone-cli");
        var folder = Directory.CreateTempSubdirectory($"pbx-linphone-{number}-").FullName;
        // Without this folder liblinphone never leaves its start-up state: no listening point, no REGISTER.
        Directory.CreateDirectory(Path.Combine(folder, ".local", "share", "linphone"));
        var sipPort = FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture);
        var tcp = transport == "tcp";
        var config = Path.Combine(folder, "linphonerc");
        File.WriteAllText(config, string.Join('\n',
            "[sip]",
            // Port 0 switches a transport off: the phone speaks only the one under test.
            $"sip_port={(tcp ? "0" : sipPort)}",
            $"sip_tcp_port={(tcp ? sipPort : "0")}",
            "default_proxy=0",
            "[rtp]",
            $"audio_rtp_port={Port(rtpPortBase)}-{Port(rtpPortBase + 39)}",
            $"video_rtp_port={Port(rtpPortBase + 40)}-{Port(rtpPortBase + 44)}",
            $"text_rtp_port={Port(rtpPortBase + 45)}-{Port(rtpPortBase + 49)}",
            "[sound]",
            "echocancellation=0",
            "[proxy_0]",
            $"reg_proxy=<sip:{pbx};transport={transport}>",
            $"reg_identity=sip:{number}@{pbx.Address}",
            "reg_expires=300",
            "reg_sendregister=1",
            "[auth_info_0]",
            $"username={number}",
            $"passwd={PbxHost.Password(number)}",
            $"realm={PbxHost.Realm}",
            digestAlgorithm is null ? "" : $"algorithm={digestAlgorithm}",
            ""));
        var start = new ProcessStartInfo(linphonec)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in (string[])["-c", config, "-a"])
            start.ArgumentList.Add(argument);
        start.Environment["HOME"] = folder;
        var process = Process.Start(start) ?? throw new InvalidOperationException("linphonec did not start");
        var agent = new LinphoneUserAgent(process, number, folder, $"{pbx};transport={transport}");
        await agent.TypeAsync("soundcard use files");
        await agent.TypeAsync($"play {sourceWav}");
        await agent.RecordNextCallAsync();
        return agent;
    }

    public Task DialAsync(string number) => TypeAsync($"call {Uri(number)}");

    // Printed when a call's RTP streams start, and again after each re-INVITE (resume, transfer).
    public Task ConnectedAsync(int occurrence = 1) =>
        Output.WaitForAsync("Media streams established", $"call {occurrence} connected", Limit, occurrence);

    public Task HangUpAsync() => TypeAsync("terminate");

    // "ended (No error)" for a call hung up by either side; "with ... error" would be a failed call.
    public Task EndedAsync(int occurrence = 1) => Output.WaitForAsync(" ended (", $"call {occurrence} ended", Limit, occurrence);

    // A line of one key at linphonec's prompt sends it as a telephone-event.
    public Task PressAsync(char key) => TypeAsync(key.ToString());

    public Task KeyReceivedAsync(char key) => Output.WaitForAsync($"Receiving tone {key} from", $"key {key}", Limit);

    public async Task HoldAsync()
    {
        await TypeAsync("pause");
        await Output.WaitForAsync("is now paused", "the call on hold", Limit);
    }

    public Task ResumeAsync() => TypeAsync("resume");

    public Task TransferAsync(string number) => TypeAsync($"transfer {Uri(number)}");

    public string Heard() => Recording(_recordings);

    // linphonec appends every call to the one "record" file, so each call gets its own.
    public Task RecordNextCallAsync() => TypeAsync($"record {Recording(++_recordings)}");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await TypeAsync("quit");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Uri(string number) => $"sip:{number}@{_pbx}";

    private string Recording(int index) => Path.Combine(_folder, $"heard-{index.ToString(CultureInfo.InvariantCulture)}.wav");

    private async Task TypeAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
