namespace Pbx.ApiHost.Apis.Stats;

/// <summary>The stand-in used when no grain-backed <see cref="ILiveCallStatistics"/> is registered: everything is zero.</summary>
public sealed class NoLiveCallStatistics : ILiveCallStatistics
{
    public ValueTask<int> CountRegisteredExtensionsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

    public ValueTask<IReadOnlyList<string>> ListRegisteredExtensionsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<string>>([]);

    public ValueTask<int> CountActiveCallsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);
}
