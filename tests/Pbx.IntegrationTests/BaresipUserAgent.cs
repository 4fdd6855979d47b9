using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pbx.IntegrationTests.Interop;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests;

/// <summary>
/// One baresip process as a phone registered to the PBX, in its own config folder: audio from a WAV file (aufile),
/// no sound card (aubridge as a player nobody listens to), received audio written to WAV by the sndfile module. During
/// a call it is driven through its cons module (a UDP console taking the same keys as its terminal menu).
/// </summary>
internal sealed class BaresipUserAgent : ISoftphone
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private const string KeyRelease = "\u0004";

    private readonly Process _process;
    private readonly IPEndPoint _console;
    private readonly string _pbx;

    private BaresipUserAgent(Process process, string number, string folder, IPEndPoint console, string pbx)
    {
        _process = process;
        _console = console;
        _pbx = pbx;
        Number = number;
        Folder = folder;
        Output = new AgentOutput(process, $"baresip {number}");
    }

    public string Number { get; }

    /// <summary>The config folder, where the sndfile module also writes <c>dump-*-dec.wav</c> (what this phone heard).</summary>
    public string Folder { get; }

    public AgentOutput Output { get; }

    /// <summary>
    /// Starts baresip as <paramref name="number"/> registering to <paramref name="pbx"/> over UDP, sending <paramref name="sourceWav"/>
    /// (8 kHz mono 16-bit), auto-answering when <paramref name="autoAnswer"/>, quitting (hanging up) after
    /// <paramref name="quitAfter"/>, running <paramref name="commands"/> at start (for example "/dial ...").
    /// </summary>
    public static BaresipUserAgent Start(string number, IPEndPoint pbx, string sourceWav, (int Min, int Max) rtpPorts, bool autoAnswer,
        TimeSpan quitAfter, params string[] commands) =>
        Launch(number, pbx, "udp", sourceWav, rtpPorts, autoAnswer, quitAfter, commands);

    /// <summary>
    /// Starts baresip as an auto-answering <paramref name="number"/> registering to <paramref name="pbx"/> over
    /// <paramref name="transport"/> ("udp", "tcp" or "tls"), sending <paramref name="sourceWav"/>, with RTP from the 50 ports at
    /// <paramref name="rtpPortBase"/>; it runs until disposed.
    /// </summary>
    public static BaresipUserAgent StartPhone(string number, IPEndPoint pbx, string transport, string sourceWav, int rtpPortBase) =>
        Launch(number, pbx, transport, sourceWav, (rtpPortBase, rtpPortBase + 49), autoAnswer: true, quitAfter: null, []);

    private static BaresipUserAgent Launch(string number, IPEndPoint pbx, string transport, string sourceWav, (int Min, int Max) rtpPorts,
        bool autoAnswer, TimeSpan? quitAfter, string[] commands)
    {
        var baresip = ExternalTool.Require("baresip", "baresip-core");
        var folder = Directory.CreateTempSubdirectory($"pbx-baresip-{number}-").FullName;
        var sipPort = FreePort.UdpAndTcpWithTlsAbove();
        var console = new IPEndPoint(IPAddress.Loopback, FreePort.UdpAndTcp());
        File.WriteAllText(Path.Combine(folder, "config"), string.Join('\n',
            $"sip_listen 127.0.0.1:{sipPort.ToString(CultureInfo.InvariantCulture)}",
            $"rtp_ports {rtpPorts.Min.ToString(CultureInfo.InvariantCulture)}-{rtpPorts.Max.ToString(CultureInfo.InvariantCulture)}",
            "net_interface 127.0.0.1",
            $"audio_source aufile,{sourceWav}",
            "audio_player aubridge,unheard",
            "audio_alert aubridge,unheard",
            $"snd_path {folder}",
            $"cons_listen {console}",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module aufile.so",
            "module aubridge.so",
            "module sndfile.so",
            "module cons.so",
            "module_app account.so",
            "module_app menu.so",
            ""));
        var answer = autoAnswer ? ";answermode=auto" : "";
        File.WriteAllText(Path.Combine(folder, "accounts"),
            $"<sip:{number}@{pbx};transport={transport}>;auth_user={number};auth_pass={PbxHost.Password(number)};regint=300;audio_codecs=PCMA,PCMU{answer}\n");
        var start = new ProcessStartInfo(baresip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(folder);
        if (quitAfter is { } time)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add(((int)time.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }
        foreach (var command in commands)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(command);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("baresip did not start");
        return new BaresipUserAgent(process, number, folder, console, $"{pbx};transport={transport}");
    }

    public Task DialAsync(string number) => TypeAsync($"/dial {Uri(number)}\n");

    // The first RTP from the far end, once per call: the call is up and audio flows (a transfer sent before it, right after
    // the 200 OK, may reach the PBX before the ACK).
    public Task ConnectedAsync(int occurrence = 1) =>
        Output.WaitForAsync("incoming rtp for 'audio' established", $"call {occurrence} connected", Limit, occurrence);

    public Task HangUpAsync() => TypeAsync("b");

    public Task EndedAsync(int occurrence = 1) => Output.WaitForAsync(" terminated (duration", $"call {occurrence} ended", Limit, occurrence);

    /// <summary>
    /// Waits until a BYE from the far end closed its call: libre ends the session with ECONNRESET for a BYE it receives, which
    /// baresip prints as "session closed: Connection reset by peer" (the connection itself stays up). Over TCP and TLS its
    /// call summary, which <see cref="EndedAsync"/> waits for, sometimes never comes.
    /// </summary>
    public Task ByeReceivedAsync() => Output.WaitForAsync("session closed: Connection reset by peer", "the far end's BYE", Limit);

    // The menu starts a telephone-event when a digit key goes down and ends it when the key comes up: over the console the
    // release is KEYCODE_REL (0x04), without which baresip 1.0 sends the event (E bit never set) until the next key.
    public async Task PressAsync(char key)
    {
        await TypeAsync(key.ToString());
        await Output.WaitForAsync($"send DTMF digit: '{key}'", $"key {key} going down", Limit);
        await TypeAsync(KeyRelease);
    }

    public Task KeyReceivedAsync(char key) => Output.WaitForAsync($"received event: '{key}'", $"key {key}", Limit);

    public Task HoldAsync() => TypeAsync("x");

    public Task ResumeAsync() => TypeAsync("X");

    public Task TransferAsync(string number) => TypeAsync($"/transfer {Uri(number)}\n");

    // The sndfile module writes each call to a file of its own.
    public Task RecordNextCallAsync() => Task.CompletedTask;

    public string Heard() =>
        Directory.GetFiles(Folder, "dump-*-dec.wav").Order(StringComparer.Ordinal).LastOrDefault()
        ?? throw new FileNotFoundException($"baresip {Number} recorded no call: {Output.Text}");

    /// <summary>Waits for the process to quit on its own (its -t time), killing it after <paramref name="limit"/>.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"baresip did not quit within {limit}: {Output.Text}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private string Uri(string number) => $"sip:{number}@{_pbx}";

    private async Task TypeAsync(string keys)
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await socket.SendAsync(Encoding.ASCII.GetBytes(keys), _console);
    }
}
