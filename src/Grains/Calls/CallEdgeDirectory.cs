namespace Pbx.Grains.Calls;

/// <summary>
/// The edges of this process. Until the multi-silo cluster exists, the edge runs beside the silo, so one list is the
/// directory; a cluster will key edges by node id (each binding names its edge node).
/// </summary>
public sealed class CallEdgeDirectory : ICallEdgeDirectory
{
    private volatile ICallEdge? _edge;

    /// <inheritdoc />
    public void Add(ICallEdge edge) => _edge = edge;

    /// <inheritdoc />
    public ICallEdge? Find() => _edge;
}
