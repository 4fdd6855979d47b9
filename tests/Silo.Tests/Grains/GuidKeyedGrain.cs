using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

public sealed class GuidKeyedGrain : Grain, IGuidKeyedGrain
{
    public Task<Guid> Key() => Task.FromResult(GetPrimaryKey());
}
