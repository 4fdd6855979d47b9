using Pbx.TestSupport;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// One PBX for the reliable provisional response tests: T1 of 100 ms, so a reliable 183 nobody PRACKs is given up after
/// 64*T1 = 6.4 s, and a no-answer time well beyond that, so the give-up is what ends such a call.
/// </summary>
public sealed class ReliableProvisionalFixture : IAsyncLifetime
{
    internal static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan NoAnswerTimeout = TimeSpan.FromSeconds(20);

    internal PbxHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("prack"), $"--Sip:Timers:T1={T1}", $"--Calls:NoAnswerTimeout={NoAnswerTimeout}");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
