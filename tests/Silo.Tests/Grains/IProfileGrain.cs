using Orleans;

namespace Pbx.Silo.Tests.Grains;

/// <summary>A grain with one <c>[PersistentState]</c>: what the PBX's grains do with <see cref="Persistence.GrainStateStorage"/>.</summary>
public interface IProfileGrain : IGrainWithStringKey
{
    Task SetName(string name);

    /// <summary>Changes the name in memory only; the write happens in OnDeactivateAsync (write-behind).</summary>
    Task SetNameLater(string name);

    Task<string?> Name();

    Task<string?> Etag();

    Task Clear();
}
