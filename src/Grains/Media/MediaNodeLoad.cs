namespace Pbx.Grains.Media;

/// <summary>One candidate node for a new endpoint as the router sees it.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="Load">Endpoints it reported plus those the router placed on it since that report, net of releases.</param>
/// <param name="FreePortPairs">Port pairs it reported free minus those the router placed on it since, net of releases.</param>
public readonly record struct MediaNodeLoad(string NodeId, int Load, int FreePortPairs)
{
    /// <summary>The candidate for a node's last report and the endpoints placed on it since.</summary>
    public static MediaNodeLoad Of(MediaNodeReport report, int placedSinceReport) =>
        new(report.NodeId, report.ActiveEndpoints + placedSinceReport, report.FreePortPairs - placedSinceReport);

    /// <summary>
    /// The index of the node a new endpoint goes to: among nodes with a free port pair, the least loaded, then the one
    /// with more free pairs, then the lowest id (so that equal nodes are chosen the same way by every silo's router
    /// until their next reports differ); -1 when no node has a free pair.
    /// </summary>
    public static int LeastLoaded(ReadOnlySpan<MediaNodeLoad> nodes)
    {
        var best = -1;
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            if (node.FreePortPairs <= 0)
                continue;
            if (best < 0 || IsBetter(node, nodes[best]))
                best = i;
        }
        return best;
    }

    private static bool IsBetter(MediaNodeLoad candidate, MediaNodeLoad best) =>
        candidate.Load != best.Load ? candidate.Load < best.Load
        : candidate.FreePortPairs != best.FreePortPairs ? candidate.FreePortPairs > best.FreePortPairs
        : string.CompareOrdinal(candidate.NodeId, best.NodeId) < 0;
}
