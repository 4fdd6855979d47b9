using Pbx.TestSupport;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>One PBX on a fresh database for the call tests; each test uses its own extension numbers.</summary>
public sealed class CallFixture : IAsyncLifetime
{
    internal PbxHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("calls"));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
