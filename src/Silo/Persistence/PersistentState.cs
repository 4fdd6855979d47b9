using System.Globalization;
using System.Text.Json;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Persistence;

/// <summary>One <c>[PersistentState]</c> of one activation: JSON in grain_state, version as ETag.</summary>
internal sealed class PersistentState<TState>(GrainStateStorage storage, GrainId grainId, string stateName)
    : IPersistentState<TState>, IStateLoader where TState : new()
{
    private long? _version;

    public TState State { get; set; } = new();

    public string? Etag => _version?.ToString(CultureInfo.InvariantCulture);

    public bool RecordExists => _version is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var (json, version) = await storage.ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        State = json is null ? new() : JsonSerializer.Deserialize<TState>(json, JsonSerializerOptions.Web) ?? new();
        _version = version;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(State, JsonSerializerOptions.Web);
        _version = await storage.WriteAsync(grainId, stateName, json, _version, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(grainId, stateName, _version, cancellationToken).ConfigureAwait(false);
        _version = null;
        State = new();
    }

    Task IStateLoader.LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);
}
