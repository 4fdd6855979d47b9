using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests;

/// <summary>
/// One baresip process as a phone registered to the PBX, in its own config folder: audio from a WAV file (aufile),
/// no sound card (aubridge as a player nobody listens to), received audio written to WAV by the sndfile module.
/// </summary>
internal sealed class BaresipUserAgent : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BaresipUserAgent(Process process, string folder)
    {
        _process = process;
        Folder = folder;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The config folder, where the sndfile module also writes <c>dump-*-dec.wav</c> (what this phone heard).</summary>
    public string Folder { get; }

    /// <summary>What baresip printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>
    /// Starts baresip as <paramref name="number"/> registering to <paramref name="pbx"/>, sending <paramref name="sourceWav"/>
    /// (8 kHz mono 16-bit), auto-answering when <paramref name="autoAnswer"/>, quitting (hanging up) after
    /// <paramref name="quitAfter"/>, running <paramref name="commands"/> at start (for example "/dial ...").
    /// </summary>
    public static BaresipUserAgent Start(string number, IPEndPoint pbx, string sourceWav, (int Min, int Max) rtpPorts, bool autoAnswer,
        TimeSpan quitAfter, params string[] commands)
    {
        var baresip = ExternalTool.Require("baresip", "baresip-core");
        var folder = Directory.CreateTempSubdirectory($"pbx-baresip-{number}-").FullName;
        var sipPort = FreePort.UdpAndTcp();
        File.WriteAllText(Path.Combine(folder, "config"), string.Join('\n',
            $"sip_listen 127.0.0.1:{sipPort.ToString(CultureInfo.InvariantCulture)}",
            $"rtp_ports {rtpPorts.Min.ToString(CultureInfo.InvariantCulture)}-{rtpPorts.Max.ToString(CultureInfo.InvariantCulture)}",
            "net_interface 127.0.0.1",
            $"audio_source aufile,{sourceWav}",
            "audio_player aubridge,unheard",
            "audio_alert aubridge,unheard",
            $"snd_path {folder}",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module aufile.so",
            "module aubridge.so",
            "module sndfile.so",
            "module_app account.so",
            "module_app menu.so",
            ""));
        var answer = autoAnswer ? ";answermode=auto" : "";
        File.WriteAllText(Path.Combine(folder, "accounts"),
            $"<sip:{number}@{pbx};transport=udp>;auth_user={number};auth_pass={PbxHost.Password(number)};regint=300;audio_codecs=PCMA,PCMU{answer}\n");
        var start = new ProcessStartInfo(baresip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in (string[])["-f", folder, "-t", ((int)quitAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(argument);
        foreach (var command in commands)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(command);
        }
        return new BaresipUserAgent(Process.Start(start) ?? throw new InvalidOperationException("baresip did not start"), folder);
    }

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
            throw new TimeoutException($"baresip did not quit within {limit}: {Output}");
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

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
