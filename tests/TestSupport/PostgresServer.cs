using System.Diagnostics;
using Npgsql;

namespace Pbx.TestSupport;

/// <summary>
/// One throwaway PostgreSQL cluster per test process, started with deploy/pg.sh exactly as a
/// developer's local one is (fresh data directory under /tmp, free port, fsync off), stopped and
/// deleted when the process exits. The test runner may kill a finished test host before its exit
/// handlers are done, so every start also removes the clusters of test processes that are gone:
/// half a gigabyte each, they filled a build machine's disk once. Test classes get a fresh
/// database each through <see cref="PostgresDatabase"/>.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string _dataDir;
    private readonly int _port;

    private PostgresServer(string dataDir, int port)
    {
        _dataDir = dataDir;
        _port = port;
    }

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static PostgresServer Shared => Instance.Value;

    /// <summary>Port on 127.0.0.1.</summary>
    public int Port => _port;

    /// <summary>Connection string to database <paramref name="database"/>.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=pbx;Database={database};Pooling=true;Maximum Pool Size=50;Timeout=5";

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public string CreateDatabase(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)].ToLowerInvariant();
        using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        conn.Open();
        using var cmd = new NpgsqlCommand($"create database \"{name}\"", conn);
        cmd.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private const string DirectoryPrefix = "pbx-test-pg-";

    private static PostgresServer Start()
    {
        RemoveClustersOfGoneProcesses();
        var dataDir = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        var port = FreePort.Tcp();
        RunScript("start", dataDir, port);
        var server = new PostgresServer(dataDir, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop() => StopAndDelete(_dataDir, _port);

    private static void StopAndDelete(string dataDir, int port)
    {
        try
        {
            RunScript("stop", dataDir, port);
        }
        finally
        {
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Data directories are named after the owning test process, so a sibling test process's
    /// cluster (the runner starts several at once) is never touched, only those whose owner has exited.</summary>
    private static void RemoveClustersOfGoneProcesses()
    {
        foreach (var dataDir in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.GetFileName(dataDir)[DirectoryPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var pid) || IsRunning(pid))
                continue;
            try
            {
                StopAndDelete(dataDir, port: 0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Another test process is removing the same directory: it will finish the job.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void RunScript(string verb, string dataDir, int port)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "deploy", "pg.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["PBX_PG_DATA"] = dataDir;
        psi.Environment["PBX_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PBX_PG_FSYNC"] = "off";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/pg.sh {verb} did not finish in 60 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"deploy/pg.sh {verb} failed ({process.ExitCode}): {stderr}{stdout.Result}");
    }
}
