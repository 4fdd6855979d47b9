using Orleans.Runtime;
using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.Silo.Startup;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// The cluster as processes on one database: two silos, an edge and a media node (each a process of its own) and an API
/// host. One silo is killed (SIGKILL) while calls are up: their audio keeps flowing, they still hang up from the phone
/// and from the API, REGISTERs and new calls succeed again within <c>Cluster:FailureDetection</c> (the default, 10 s),
/// no extension loses its binding and every call has exactly one closed CDR row.
/// </summary>
public sealed class ClusterFailoverTests
{
    private const int PhoneHangups = 4;
    private static readonly TimeSpan FailureDetection = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // Every process of the test in one cluster (test hosts are otherwise each alone in theirs).
    private static readonly string ClusterId = $"--Cluster:ClusterId=failover-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_silo_killed_during_calls_loses_no_call_binding_or_cdr_and_the_cluster_serves_again_in_time()
    {
        var database = PostgresServer.Shared.CreateDatabase("failover");
        // A first run makes the schema and the extensions; the cluster's processes then all start on a migrated database.
        string[] numbers = [.. Enumerable.Range(0, 2 * PhoneHangups + 4).Select(i => (7100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        await using (var setup = await PbxHost.StartAsync(database))
        {
            foreach (var number in numbers)
                await setup.AddExtensionAsync(number);
        }
        var siloPorts = new[] { FreePort.Tcp(), FreePort.Tcp() };
        await using var siloA = await PbxHost.StartProcessAsync(database, Silo(database, "a", siloPorts[0]));
        await using var siloB = await PbxHost.StartProcessAsync(database, Silo(database, "b", siloPorts[1]));
        await using var media = await PbxHost.StartProcessAsync(database, Roles(media: true));
        await using var edge = await PbxHost.StartProcessAsync(database, Roles(edge: true));
        await using var api = await PbxHost.StartAsync(database, new RoleOptions { Silo = false, Edge = false, Media = false, Api = true },
            ClusterId, "--Api:Jwt:SigningKey=cluster-failover-test-signing-key-of-32-bytes-or-more");
        using var callEvents = api.LiveEvents.Subscribe([CallGrain.CallTopic]);

        // Calls hung up by the caller's phone long after the kill, and one the API hangs up.
        var calls = new List<(SippProcess Caller, SippProcess Callee, RtpSink Audio)>();
        for (var i = 0; i < PhoneHangups; i++)
            calls.Add(await CallAsync(edge, numbers[2 * i], numbers[2 * i + 1], "uac-hangs-up.xml", ("<pause milliseconds=\"1500\" />", "<pause milliseconds=\"14000\" />")));
        var apiCall = await CallAsync(edge, numbers[2 * PhoneHangups], numbers[2 * PhoneHangups + 1], "uac-hung-up.xml", ("<recv request=\"BYE\"", $"<recv request=\"BYE\" timeout=\"{ClusterPhones.ByeWaitMs}\""));
        string? apiCallId = null;
        for (var up = 0; up < PhoneHangups + 1; up++)
        {
            var answered = await TestPhone.NextEventAsync(callEvents, "answered");
            if (answered.Data.GetProperty("caller").GetString() == numbers[2 * PhoneHangups])
                apiCallId = answered.Key;
        }
        apiCallId.ShouldNotBeNull("the answered events of every call reached the API host");

        // Bindings are written behind (Sip:Registrar:WriteBehindSeconds): the crash comes after they are stored, as it would
        // for phones registered longer than that.
        var stored = DateTimeOffset.UtcNow;
        for (var i = 0; i <= PhoneHangups; i++)
            await StoredBindingAsync(api, numbers[2 * i + 1]);
        (DateTimeOffset.UtcNow - stored).ShouldBeLessThan(TimeSpan.FromSeconds(5), "new bindings are stored within about WriteBehindSeconds");
        // The silo that holds the most calls dies.
        var callsPerSilo = (await api.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(g => g.GrainType.Contains(nameof(CallGrain), StringComparison.Ordinal))
            .GroupBy(g => g.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        var victim = callsPerSilo.MaxBy(c => c.Value);
        victim.Value.ShouldBeGreaterThan(0, "the killed silo holds calls");
        await (victim.Key == siloPorts[0] ? siloA : siloB).KillAsync();
        var killedAt = DateTimeOffset.UtcNow;

        // Media is the media node's: the callers' audio still reaches the callees.
        foreach (var (_, _, audio) in calls)
            (await audio.FirstPacketAsync(TimeSpan.FromSeconds(3))).Source.Port.ShouldBeInRange(PbxHost.RtpPortMin, PbxHost.RtpPortMax);
        // A new call is answered through the cluster that is left within the failure detection time; until then the edge
        // answers 503 with Retry-After, as phones expect of a server that is briefly unable.
        var deadline = killedAt + FailureDetection + TimeSpan.FromSeconds(5);
        var (newCaller, newCallee) = (numbers[^2], numbers[^1]);
        var newCalleePort = await ClusterPhones.RegisterAsync(edge, newCallee, deadline);
        while (true)
        {
            var (caller, callee, audio) = ClusterPhones.StartCall(edge, newCaller, newCallee, newCalleePort, "uac-hangs-up.xml", null);
            var (exit, output) = await caller.WaitAsync();
            await callee.DisposeAsync();
            audio.Dispose();
            if (exit == 0)
                break;
            if (DateTimeOffset.UtcNow > deadline)
                throw new ShouldAssertException($"no new call succeeded within {FailureDetection} of the kill: {output}");
        }
        // The API hangs up a call that was up before the kill; until the dead silo is declared dead, a call grain that lived
        // there is unreachable (the API answers 503 then), after that it is activated again from its stored state.
        (await HangupWithinAsync(api, apiCallId, deadline)).ShouldBeOneOf(CallActionResult.Done, CallActionResult.NoSuchCall);
        var (apiCallerExit, apiCallerOutput) = await apiCall.Caller.WaitAsync();
        apiCallerExit.ShouldBe(0, $"the caller got the BYE of the API's hang-up: {apiCallerOutput}");
        // The phones hang up the others: every BYE is answered and reaches the other phone.
        foreach (var (caller, callee, audio) in calls)
        {
            var (callerExit, callerOutput) = await caller.WaitAsync();
            callerExit.ShouldBe(0, callerOutput);
            var (calleeExit, calleeOutput) = await callee.WaitAsync();
            calleeExit.ShouldBe(0, calleeOutput);
            audio.Dispose();
        }
        // Every call has one row, closed as answered; no extension lost its binding.
        for (var i = 0; i <= PhoneHangups; i++)
            (await CdrRow.ClosedAsync(api.Database, numbers[2 * i], numbers[2 * i + 1], Patience)).Disposition.ShouldBe("answered");
        for (var i = 0; i <= PhoneHangups; i++)
        {
            await using var count = api.Database.CreateCommand($"select count(*) from cdrs where caller = '{numbers[2 * i]}' and callee = '{numbers[2 * i + 1]}'");
            ((long)(await count.ExecuteScalarAsync())!).ShouldBe(1, "one row per call, none lost or duplicated");
        }
        for (var i = 0; i <= PhoneHangups; i++)
        {
            (await api.Grains.GetGrain<IExtensionGrain>(numbers[2 * i + 1]).GetBindingsAsync()).ShouldNotBeEmpty(
                $"extension {numbers[2 * i + 1]} keeps its binding");
        }
    }

    /// <summary>
    /// The API's hang-up, asked again while it is refused. Done, or NoSuchCall when an earlier try was refused: a refusal
    /// does not say the request went unserved (the reply can be what was lost, and Orleans delivers at most once), so the
    /// call may already be over; the caller's phone getting its BYE (checked after) is what shows the hang-up worked.
    /// </summary>
    private static async Task<CallActionResult> HangupWithinAsync(PbxHost api, string callId, DateTimeOffset deadline)
    {
        var refused = false;
        while (true)
        {
            try
            {
                var result = await api.Grains.GetGrain<ICallGrain>(callId).HangupAsync();
                if (result == CallActionResult.NoSuchCall && !refused)
                    throw new ShouldAssertException("the call was over before the API hung it up");
                return result;
            }
            catch (OrleansMessageRejectionException) when (DateTimeOffset.UtcNow < deadline)
            {
                // The grain's silo is not declared dead yet: the membership will say so within the failure detection time.
                refused = true;
            }
        }
    }

    /// <summary>Waits until the extension's stored state holds a binding.</summary>
    private static async Task StoredBindingAsync(PbxHost api, string number)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            await using var query = api.Database.CreateCommand(
                $"select jsonb_array_length(payload->'bindings') from grain_state where grain_type = 'extension' and grain_key = '{number}'");
            if (await query.ExecuteScalarAsync(patience.Token) is int count && count > 0)
                return;
            await Task.Delay(100, patience.Token);
        }
    }

    private static string[] Silo(string database, string name, int siloPort) =>
    [
        .. Roles(silo: true),
        $"--Cluster:SiloPort={siloPort}",
        $"--Cluster:GatewayPort={FreePort.Tcp()}",
        // Each silo process keeps its own CDR journal.
        $"--Cdrs:JournalDirectory={Path.Combine(PbxHost.JournalDirectory(database), name)}",
    ];

    private static string[] Roles(bool silo = false, bool edge = false, bool media = false) => ClusterPhones.Roles(ClusterId, silo, edge, media);

    /// <summary>Registers the callee's phone and starts a call to it.</summary>
    private static async Task<(SippProcess Caller, SippProcess Callee, RtpSink Audio)> CallAsync(
        PbxProcess edge, string caller, string callee, string scenario, (string From, string To)? replace) =>
        ClusterPhones.StartCall(edge, caller, callee, await ClusterPhones.RegisterAsync(edge, callee, DateTimeOffset.UtcNow), scenario, replace);
}
