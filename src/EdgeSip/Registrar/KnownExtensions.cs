using System.Collections.Concurrent;
using Pbx.Grains;
using Pbx.Grains.Extensions;
using Orleans;

namespace Pbx.EdgeSip.Registrar;

/// <summary>
/// Extensions this edge has seen exist, with their realm and a grain reference kept for reuse. A REGISTER without
/// credentials for one of them is challenged from here, with no grain call: half of every registration is that first
/// request, and its answer depends only on the realm. Numbers never seen (or gone) still ask the grain, so an unknown
/// extension keeps its 404. Bounded by the extensions table, since only numbers the grain confirmed are kept.
/// </summary>
public sealed class KnownExtensions(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, (IExtensionGrain Grain, string Realm)> _known = new(StringComparer.Ordinal);

    /// <summary>The extension's grain: the kept reference when there is one, so a call allocates no new proxy.</summary>
    public IExtensionGrain Grain(string number)
        => _known.TryGetValue(number, out var known) ? known.Grain : grains.Grain<IExtensionGrain>(number);

    /// <summary>The realm of an extension seen to exist, or null when it must be asked.</summary>
    public string? RealmOf(string number) => _known.TryGetValue(number, out var known) ? known.Realm : null;

    /// <summary>Records what the grain answered: credentials keep (or update) the entry, none removes it.</summary>
    public void Observe(string number, IExtensionGrain grain, ExtensionCredentials? stored)
    {
        if (stored is null)
            _known.TryRemove(number, out _);
        else if (!_known.TryGetValue(number, out var known) || known.Realm != stored.Realm)
            _known[number] = (grain, stored.Realm);
    }
}
