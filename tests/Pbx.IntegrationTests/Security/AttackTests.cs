using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests.Security;

/// <summary>
/// The PBX on its default settings against the tools that scan the internet for PBXs (sipvicious) and a request flood,
/// each from an address of its own on loopback (127.0.0.2-4; only 127.0.0.1 is trusted by default), while phones on
/// 127.0.0.1 keep calling. Every security event the PBX logs must be one the shipped fail2ban filter bans.
/// </summary>
public sealed class AttackTests
{
    private const string Scanner = "127.0.0.2";
    private const string Flooder = "127.0.0.4";
    private const string Caller = "7101";
    private const string Callee = "7102";

    [Fact]
    public async Task Scans_guesses_and_a_flood_find_nothing_crack_nothing_and_leave_calls_working()
    {
        var database = PostgresServer.Shared.CreateDatabase("attack");
        await using (var setup = await PbxHost.StartAsync(database))
        {
            await setup.AddExtensionAsync(Caller);
            await setup.AddExtensionAsync(Callee);
        }
        await using var pbx = await PbxHost.StartProcessAsync(database);
        var securityLines = new ConcurrentQueue<string>();
        var floodBanned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pbx.OnLine(line =>
        {
            if (!line.Contains("Security: SIP", StringComparison.Ordinal))
                return;
            securityLines.Enqueue(line);
            if (line.Contains($"Security: SIP flood from {Flooder}", StringComparison.Ordinal))
                floodBanned.TrySetResult();
        });
        var port = pbx.Udp.Port.ToString(CultureInfo.InvariantCulture);
        var calleePort = FreePort.UdpAndTcp();
        (await Sipp.RunAsync("register.xml", pbx.Udp, Callee, calleePort)).ExitCode.ShouldBe(0);

        // svmap: is there a SIP server here? svwar: which extensions? svcrack: which password? None gets an answer.
        var map = await AttackTool.RunAsync("svmap", "sipvicious", "-b", Scanner, "-p", port, "127.0.0.1", "-t", "0.05");
        map.ShouldNotContain($"127.0.0.1:{port}", customMessage: "svmap found the PBX: " + map);
        var war = await AttackTool.RunAsync("svwar", "sipvicious", "-b", Scanner, "-p", port, "-e", "7095-7110", "127.0.0.1", "-t", "0.05", "--force");
        war.ShouldNotContain(Caller, customMessage: "svwar found an extension: " + war);
        var dictionary = Path.GetTempFileName();
        await File.WriteAllLinesAsync(dictionary, [.. Enumerable.Range(0, 30).Select(i => $"guess{i}"), PbxHost.Password(Caller)]);
        var crack = await AttackTool.RunAsync("svcrack", "sipvicious", "-b", Scanner, "-p", port, "-u", Caller, "-d", dictionary, "127.0.0.1", "-t", "0.05");
        File.Delete(dictionary);
        crack.ShouldNotContain(PbxHost.Password(Caller), customMessage: "svcrack found the password: " + crack);

        // A phone with credentials for a number that does not exist fails as a wrong password does, and says so in the log.
        (await Sipp.RunAsync("register.xml", pbx.Udp, "7199", FreePort.UdpAndTcp())).ExitCode.ShouldNotBe(0);

        // A flood from one address, with a phone's User-Agent, while the phones call.
        await using var flood = SippProcess.Start(_ =>
        [
            pbx.Udp.ToString(), "-sf", Path.Combine(RepositoryRoot.Path, "tests", "Pbx.IntegrationTests", "Sipp", "flood-options.xml"),
            "-i", Flooder, "-p", FreePort.UdpAndTcp().ToString(CultureInfo.InvariantCulture), "-t", "u1",
            "-r", "20000", "-rate_max", "20000", "-m", "60000", "-timeout", "20s", "-nostdin",
        ], TimeSpan.FromSeconds(30));
        await floodBanned.Task.WaitAsync(TimeSpan.FromSeconds(15));
        for (var i = 0; i < 3; i++)
        {
            using var phone = new RtpSink();
            await using var uas = Sipp.Start("uas-answers.xml", pbx.Udp, Callee, calleePort, keys: TestPhone.RtpPort(phone));
            var uac = await Sipp.RunAsync("uac-hangs-up.xml", pbx.Udp, Caller, FreePort.UdpAndTcp(), service: Callee);
            uac.ExitCode.ShouldBe(0, $"call {i} during the flood: {uac.Output}");
            (await uas.WaitAsync()).ExitCode.ShouldBe(0);
        }
        await flood.WaitAsync();

        var banned = BannedHosts(securityLines);
        banned.ShouldContain(Flooder, "fail2ban bans the flooder: " + pbx.Output);
        banned.ShouldContain("127.0.0.1", "and reads the failed login of the unknown number");
        banned.ShouldNotContain(Scanner, "the scanner never got as far as a login: it was dropped on sight");
        securityLines.ShouldAllBe(line => Filter.Any(f => f.IsMatch(line)), "every security line the edge writes is one fail2ban reads");
    }

    // deploy/fail2ban/filter.d/pbx-sip.conf, its <HOST> as fail2ban expands it for an IPv4 or IPv6 address.
    private static readonly Regex[] Filter = [.. File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "deploy", "fail2ban", "filter.d", "pbx-sip.conf"))
        .SkipWhile(line => !line.StartsWith("failregex", StringComparison.Ordinal))
        .TakeWhile(line => !line.StartsWith("ignoreregex", StringComparison.Ordinal))
        .Select(line => line.StartsWith("failregex", StringComparison.Ordinal) ? line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..] : line)
        .Select(line => line.Trim())
        .Where(line => line.Length > 0)
        .Select(line => new Regex(line.Replace("<HOST>", "(?<host>[0-9A-Fa-f:.]+)", StringComparison.Ordinal), RegexOptions.CultureInvariant))];

    private static HashSet<string> BannedHosts(IEnumerable<string> securityLines) =>
        [.. securityLines.SelectMany(line => Filter.Select(f => f.Match(line))).Where(m => m.Success).Select(m => m.Groups["host"].Value)];
}
