namespace Pbx.ApiHost.Apis.Stats;

/// <summary>
/// Live numbers only the grains know (registered extensions, calls in progress). The host registers an implementation
/// that asks the grains; until then <see cref="NoLiveCallStatistics"/> answers zero.
/// </summary>
public interface ILiveCallStatistics
{
    /// <summary>Extensions with at least one live registration binding.</summary>
    ValueTask<int> CountRegisteredExtensionsAsync(CancellationToken cancellationToken);

    /// <summary>The numbers of the extensions with at least one live registration binding, in number order.</summary>
    ValueTask<IReadOnlyList<string>> ListRegisteredExtensionsAsync(CancellationToken cancellationToken);

    /// <summary>Calls set up or in progress now.</summary>
    ValueTask<int> CountActiveCallsAsync(CancellationToken cancellationToken);
}
