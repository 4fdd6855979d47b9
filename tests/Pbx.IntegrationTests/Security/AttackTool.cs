using System.Diagnostics;
using Pbx.TestSupport;

namespace Pbx.IntegrationTests.Security;

/// <summary>An attack tool run to its end against the PBX on loopback, its output kept for the assertions.</summary>
internal static class AttackTool
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="tool"/> (from Debian package <paramref name="package"/>) with <paramref name="arguments"/>; stdout and stderr together.</summary>
    public static async Task<string> RunAsync(string tool, string package, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExternalTool.Require(tool, package), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {Limit}: {await output}{await errors}");
        }
        return await output + await errors;
    }
}
