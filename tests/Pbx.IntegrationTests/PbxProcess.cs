using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests;

/// <summary>
/// The PBX binary (<c>Pbx.Silo.dll</c>, built beside the tests) run as a process of its own with the test settings of
/// <see cref="PbxHost"/>, so that a test can kill it as the kernel would (SIGKILL): no shutdown code runs.
/// </summary>
internal sealed class PbxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private PbxProcess(Process process, IPEndPoint udp)
    {
        _process = process;
        Udp = udp;
    }

    /// <summary>The SIP UDP (and TCP) address of the process.</summary>
    public IPEndPoint Udp { get; }

    /// <summary>Starts the binary on <paramref name="connectionString"/>'s database and waits for its "PBX ready" banner.</summary>
    public static async Task<PbxProcess> StartAsync(string connectionString, params string[] settings)
    {
        var sip = FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(DotnetHost(), [
            Path.Combine(AppContext.BaseDirectory, "Pbx.Silo.dll"),
            .. PbxHost.Arguments(connectionString, [$"--Sip:Udp:0=127.0.0.1:{sip}", $"--Sip:Tcp:0=127.0.0.1:{sip}", .. settings]),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the PBX process did not start");
        var pbx = new PbxProcess(process, new IPEndPoint(IPAddress.Loopback, int.Parse(sip, CultureInfo.InvariantCulture)));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) => pbx.Keep(line.Data, ready);
        process.ErrorDataReceived += (_, line) => pbx.Keep(line.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(StartLimit);
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(limit.Token)) != ready.Task)
        {
            await pbx.DisposeAsync();
            throw new InvalidOperationException($"the PBX process was not ready within {StartLimit}: {pbx.Output}");
        }
        return pbx;
    }

    /// <summary>What the process printed last (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return string.Join('\n', _output);
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: the process ends where it is, with no shutdown code run.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    // The runner itself is "dotnet testhost.dll" under dotnet test; a runner of another name leaves "dotnet" to the PATH.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private void Keep(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 50)
                _output.Dequeue();
        }
        if (line.Contains("PBX ready", StringComparison.Ordinal))
            ready?.TrySetResult();
    }
}
