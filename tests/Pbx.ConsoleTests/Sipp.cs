using System.Globalization;
using Pbx.TestSupport;

namespace Pbx.ConsoleTests;

/// <summary>Runs sipp as a phone, with one of the Sipp folder's scenarios, against the embedded PBX's SIP port on loopback.</summary>
internal static class Sipp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Registers <paramref name="number"/> once with digest authentication, its contact at <paramref name="localPort"/>.</summary>
    public static Task RegisterAsync(int sipPort, string number, string password, int? localPort = null) =>
        RunAsync("register.xml", sipPort, localPort ?? FreePort.UdpAndTcp(), ["-s", number, "-au", number, "-ap", password]);

    /// <summary>A phone at <paramref name="localPort"/> that answers one call and waits for the BYE; the task ends with sipp.</summary>
    public static Task AnswerOneCallAsync(int sipPort, int localPort) => RunAsync("uas-answers.xml", sipPort, localPort, []);

    /// <summary>
    /// A phone at <paramref name="localPort"/> that answers one call, accepts the PBX's hold (a re-INVITE that must offer
    /// sendonly, RFC 3264 8.4) and resume (sendrecv), then the BYE; it fails if either re-INVITE is missing or different.
    /// </summary>
    /// <remarks>Its SDP names an RTP port nobody listens on: the test checks signalling, the music on hold may go nowhere.</remarks>
    public static Task AnswerOneCallHeldAndResumedAsync(int sipPort, int localPort) =>
        RunAsync("uas-held-from-outside.xml", sipPort, localPort, ["-key", "rtp_port", FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture)]);

    /// <summary><paramref name="caller"/> calls <paramref name="callee"/>, is held and resumed by the PBX (as <see cref="AnswerOneCallHeldAndResumedAsync"/>), then gets BYE.</summary>
    public static Task CallHeldAndResumedAsync(int sipPort, string caller, string password, string callee) =>
        CallAsync("uac-held-from-outside.xml", sipPort, caller, password, callee);

    /// <summary><paramref name="caller"/> calls <paramref name="callee"/>, talks for three seconds and hangs up.</summary>
    public static Task CallAsync(int sipPort, string caller, string password, string callee) =>
        CallAsync("uac-talks.xml", sipPort, caller, password, callee);

    /// <summary><paramref name="caller"/> calls <paramref name="callee"/> and stays until the PBX sends BYE, which it answers 200.</summary>
    public static Task CallUntilHungUpAsync(int sipPort, string caller, string password, string callee) =>
        CallAsync("uac-hung-up.xml", sipPort, caller, password, callee);

    private static Task CallAsync(string scenario, int sipPort, string caller, string password, string callee) =>
        RunAsync(scenario, sipPort, FreePort.UdpAndTcp(),
        [
            "-s", callee, "-key", "caller", caller, "-au", caller, "-ap", password,
        ]);

    /// <summary>Runs a scenario to its end; throws with sipp's output unless every call of it succeeded.</summary>
    private static async Task RunAsync(string scenario, int sipPort, int localPort, IEnumerable<string> scenarioArguments)
    {
        await using var sipp = SippProcess.Start(_ =>
        [
            $"127.0.0.1:{sipPort.ToString(CultureInfo.InvariantCulture)}", "-sf", Path.Combine(AppContext.BaseDirectory, "Sipp", scenario),
            "-t", "u1", "-i", "127.0.0.1", "-p", localPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1", "-recv_timeout", "10000", "-timeout", "25s",
            .. scenarioArguments,
        ], Limit);
        var (exitCode, output) = await sipp.WaitAsync();
        if (exitCode != 0)
            throw new InvalidOperationException($"sipp {scenario} failed ({exitCode}): {output}");
    }
}
