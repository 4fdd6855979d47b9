using Pbx.TestSupport;
using Xunit;

namespace Pbx.IntegrationTests;

/// <summary>One PBX on a fresh database for the recording and call waiting tests, recording into its own folder.</summary>
public sealed class CallFeatureFixture : IAsyncLifetime
{
    internal string RecordingsDirectory { get; } = Directory.CreateTempSubdirectory("pbx-recordings-").FullName;

    internal PbxHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await PbxHost.StartAsync(PostgresServer.Shared.CreateDatabase("callfeat"), $"--Media:RecordingsDirectory={RecordingsDirectory}");

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(RecordingsDirectory, recursive: true);
    }
}
