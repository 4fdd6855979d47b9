using Pbx.TestSupport;
using Shouldly;

namespace Pbx.IntegrationTests;

/// <summary>Phones (sipp) of the whole-system cluster tests, registering and calling through an edge process.</summary>
internal static class ClusterPhones
{
    /// <summary>
    /// How long a phone in a call waits for the BYE: the longest call, or a hang-up after a silo's death is declared
    /// (up to <c>Cluster:FailureDetection</c>, 10 s, after the kill) on a build box busy with the other test projects.
    /// </summary>
    public const int ByeWaitMs = 40_000;

    /// <summary>The settings of a cluster process with the given roles (no API) in the test's cluster <paramref name="clusterId"/>.</summary>
    public static string[] Roles(string clusterId, bool silo = false, bool edge = false, bool media = false) =>
        [$"--Roles:Silo={silo}", $"--Roles:Edge={edge}", $"--Roles:Media={media}", "--Roles:Api=false", clusterId];

    /// <summary>Registers a phone for <paramref name="number"/> from <paramref name="port"/> (default: a fresh one); a refused REGISTER is tried again until <paramref name="retryUntil"/>.</summary>
    public static async Task<int> RegisterAsync(PbxProcess edge, string number, DateTimeOffset retryUntil, int? port = null)
    {
        var from = port ?? FreePort.UdpAndTcp();
        while (true)
        {
            var registered = await Sipp.RunAsync("register.xml", edge.Udp, number, from);
            if (registered.ExitCode == 0)
                return from;
            if (DateTimeOffset.UtcNow > retryUntil)
                throw new ShouldAssertException($"REGISTER of {number} failed: {registered.Output}");
        }
    }

    /// <summary>The callee's phone answering on <paramref name="calleePort"/> and the caller's phone calling it.</summary>
    public static (SippProcess Caller, SippProcess Callee, RtpSink Audio) StartCall(
        PbxProcess edge, string caller, string callee, int calleePort, string scenario, (string From, string To)? replace)
    {
        var audio = new RtpSink();
        // The callee waits for the BYE as long as the longest call lasts (sipp's default wait is 10 s).
        var uas = Sipp.Start("uas-answers.xml", edge.Udp, callee, calleePort, keys: TestPhone.RtpPort(audio),
            replace: ("<recv request=\"BYE\"", $"<recv request=\"BYE\" timeout=\"{ByeWaitMs}\""));
        var uac = Sipp.Start(scenario, edge.Udp, caller, FreePort.UdpAndTcp(), service: callee, replace: replace);
        return (uac, uas, audio);
    }
}
