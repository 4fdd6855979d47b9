using Pbx.ApiHost.Apis.Stats;

namespace Pbx.ApiHost.Tests;

/// <summary>Registered extensions as a test sets them, in place of the grains' answer.</summary>
internal sealed class FixedLiveCallStatistics(params string[] registered) : ILiveCallStatistics
{
    public ValueTask<int> CountRegisteredExtensionsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(registered.Length);

    public ValueTask<IReadOnlyList<string>> ListRegisteredExtensionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(registered);

    public ValueTask<int> CountActiveCallsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);
}
