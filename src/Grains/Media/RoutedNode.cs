namespace Pbx.Grains.Media;

/// <summary>A live node in the router's cached list: its last report, how to call it, what the router placed on it since.</summary>
internal sealed class RoutedNode(MediaNodeEntry entry, IMediaControl control, bool isLocal)
{
    private int _placedSinceReport;
    private volatile bool _unusable;

    public MediaNodeEntry Entry { get; } = entry;

    public string NodeId => Entry.NodeId;

    /// <summary>The in-process engine when <see cref="IsLocal"/>, otherwise the node's observer reference.</summary>
    public IMediaControl Control { get; } = control;

    public bool IsLocal { get; } = isLocal;

    /// <summary>Endpoints the router placed on the node since its report, net of those it released there (may be negative).</summary>
    public int PlacedSinceReport => Volatile.Read(ref _placedSinceReport);

    /// <summary>
    /// Set when the node failed an allocation (unreachable or full): it gets no new endpoint until its next report shows it
    /// again, while calls about its existing endpoints still go to it.
    /// </summary>
    public bool Unusable
    {
        get => _unusable;
        set => _unusable = value;
    }

    public MediaNodeLoad Load => Unusable
        ? new MediaNodeLoad(NodeId, int.MaxValue, 0)
        : MediaNodeLoad.Of(Entry.Report, PlacedSinceReport);

    public void Placed(int count) => Interlocked.Add(ref _placedSinceReport, count);

    /// <summary>The same node after a refresh: what was placed since the report carries over while the report is the same.</summary>
    public RoutedNode Refreshed(MediaNodeEntry entry, IMediaControl control, bool isLocal)
    {
        if (entry.ReportedAt != Entry.ReportedAt)
            return new RoutedNode(entry, control, isLocal);
        var same = new RoutedNode(entry, control, isLocal) { Unusable = Unusable };
        same.Placed(PlacedSinceReport);
        return same;
    }
}
