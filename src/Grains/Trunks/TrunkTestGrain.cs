using Orleans;
using Orleans.Concurrency;
using Pbx.Grains.Calls;

namespace Pbx.Grains.Trunks;

/// <summary>
/// A trunk test: OPTIONS from an edge to the trunk's carrier at the address calls go to, so a wrong host, port,
/// transport or a firewall shows before the first call does.
/// </summary>
[StatelessWorker]
public sealed class TrunkTestGrain(TrunkCatalog catalog, ICallEdgeDirectory edges) : Grain, ITrunkTestGrain
{
    /// <inheritdoc />
    public async Task<TrunkProbeResult?> TestAsync(string trunkId)
    {
        if (await catalog.FindTrunkAsync(trunkId) is not { } trunk)
            return null;
        if (await TrunkRouter.ResolveAsync(trunk.Host) is not { } address)
            return new TrunkProbeResult(null, $"host {trunk.Host} does not resolve", null);
        if (await edges.FindAsync() is not { } edge)
            return new TrunkProbeResult(null, "no SIP edge is running to send from", null);
        return await edge.ProbeAsync(new TrunkProbe(trunk.Transport, address.ToString(), trunk.Port, $"sip:{trunk.Host}:{trunk.Port}"));
    }
}
