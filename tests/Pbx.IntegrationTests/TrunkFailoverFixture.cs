using Pbx.TestSupport;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>
/// A PBX with production ringing times (30 s no-answer, default <c>Trunks:FailoverTimeout</c>): the shared call fixture
/// rings for 2 s, shorter than any failover time, so a silent carrier would end the call before failing over.
/// </summary>
public sealed class TrunkFailoverFixture : IAsyncLifetime
{
    internal PbxHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("trunk_failover"), "--Calls:NoAnswerTimeout=00:00:30");

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
