using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

/// <summary>A non-reentrant grain whose Open is [AlwaysInterleave] and whose Meet is [ReadOnly].</summary>
public interface IInterleavingGateGrain : IGrainWithStringKey
{
    Task Wait();

    [AlwaysInterleave]
    Task Open();

    /// <summary>Completes once <paramref name="parties"/> Meet calls are inside the grain at the same time.</summary>
    [ReadOnly]
    Task Meet(int parties);
}
