using System.Diagnostics;
using Pbx.TestSupport;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>One PBX on a fresh database for the call tests; each test uses its own extension numbers.</summary>
public sealed class CallFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pbx-calls-").FullName;

    internal PbxHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var music = Path.Combine(_directory, "moh.wav");
        await GenerateMusicOnHoldAsync(music);
        Host = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("calls"), $"--Calls:MusicOnHold={music}");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Two seconds of a 440 Hz tone in the prompt format (8 kHz mono 16-bit), made with sox.</summary>
    private static async Task GenerateMusicOnHoldAsync(string path)
    {
        var sox = ExternalTool.Require("sox", "sox");
        using var process = Process.Start(new ProcessStartInfo(sox, ["-n", "-r", "8000", "-c", "1", "-b", "16", path, "synth", "2", "sine", "440"])
        {
            RedirectStandardError = true,
        })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"sox could not generate {path}: {errors}");
    }
}
