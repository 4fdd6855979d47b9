using System.Diagnostics.CodeAnalysis;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

/// <summary>
/// Where the single activation of a grain id is. The runtime asks only through this, so that going multi-silo means
/// a directory shared through PostgreSQL (answering "which silo") plus messaging to it, not a change to the mailbox.
/// </summary>
internal interface IGrainDirectory
{
    int Count { get; }

    IEnumerable<ActivationData> Activations { get; }

    bool TryGet(GrainId grainId, [NotNullWhen(true)] out ActivationData? activation);

    /// <summary>The registered activation, or the one <paramref name="create"/> makes; two racing callers get the same one.</summary>
    ActivationData GetOrAdd<TState>(GrainId grainId, Func<GrainId, TState, ActivationData> create, TState state);

    /// <summary>Unregisters <paramref name="activation"/> if it is still the registered one.</summary>
    void Remove(ActivationData activation);
}
