using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

/// <summary>The single-silo directory: an in-memory table of this process's activations.</summary>
internal sealed class LocalGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    public bool TryGet(GrainId grainId, [NotNullWhen(true)] out ActivationData? activation) => _activations.TryGetValue(grainId, out activation);

    public ActivationData GetOrAdd<TState>(GrainId grainId, Func<GrainId, TState, ActivationData> create, TState state) =>
        _activations.GetOrAdd(grainId, create, state);

    public void Remove(ActivationData activation) => _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));
}
