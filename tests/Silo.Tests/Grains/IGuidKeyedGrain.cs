using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

public interface IGuidKeyedGrain : IGrainWithGuidKey
{
    Task<Guid> Key();
}
