using System.Diagnostics;
using System.Net;

namespace Pbx.TestSupport;

/// <summary>
/// The PBX binary (<c>Pbx.Silo.dll</c>, built beside the tests or benchmarks that reference it) run as a process of its
/// own, so that a test can kill it as the kernel would (SIGKILL): no shutdown code runs; a benchmark can run the roles
/// apart and read each one's CPU.
/// </summary>
public sealed class PbxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<Action<string>> _listeners = [];

    private PbxProcess(Process process, IPEndPoint udp)
    {
        _process = process;
        Udp = udp;
    }

    /// <summary>The SIP UDP (and TCP) address of the process (its edge role's, when it runs one).</summary>
    public IPEndPoint Udp { get; }

    /// <summary>CPU time the process has used so far (user and system).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts the binary with <paramref name="arguments"/> and waits for its "PBX ready" banner. <paramref name="sipPort"/> is
    /// the port the arguments bind SIP UDP and TCP to on 127.0.0.1 (<see cref="Udp"/>).
    /// </summary>
    public static async Task<PbxProcess> StartAsync(IEnumerable<string> arguments, int sipPort)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "Pbx.Silo.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the PBX process did not start");
        var pbx = new PbxProcess(process, new IPEndPoint(IPAddress.Loopback, sipPort));
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

    /// <summary>
    /// Hands every line the process prints from now on to <paramref name="listen"/>, on the reader's thread: for a test that
    /// waits for a line or must see every line of a kind (<see cref="Output"/> keeps only the last few).
    /// </summary>
    public void OnLine(Action<string> listen)
    {
        lock (_output)
            _listeners.Add(listen);
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

    // The runner itself is "dotnet testhost.dll" under dotnet test (and "dotnet Pbx.Bench.dll"); a runner of another name
    // leaves "dotnet" to the PATH.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private void Keep(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
            return;
        Action<string>[] listeners;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 50)
                _output.Dequeue();
            listeners = [.. _listeners];
        }
        foreach (var listen in listeners)
            listen(line);
        if (line.Contains("PBX ready", StringComparison.Ordinal))
            ready?.TrySetResult();
    }
}
