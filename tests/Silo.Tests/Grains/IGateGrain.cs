using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

/// <summary>Wait() blocks its turn until Open(): only completes if Open may interleave with it.</summary>
public interface IGateGrain : IGrainWithStringKey
{
    Task Wait();

    Task Open();

    /// <summary>Busy for half a millisecond without awaiting, then yields; reports whether another call ran meanwhile.</summary>
    Task<bool> Spin();
}
