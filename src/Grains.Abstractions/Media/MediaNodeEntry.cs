using Orleans;

namespace Pbx.Grains.Media;

/// <summary>A live node as the directory knows it: its last report and when it arrived.</summary>
/// <param name="Report">The node's last report.</param>
/// <param name="ReportedAt">When the directory received it.</param>
[GenerateSerializer, Immutable]
public sealed record MediaNodeEntry(MediaNodeReport Report, DateTimeOffset ReportedAt)
{
    /// <summary>The node's id.</summary>
    public string NodeId => Report.NodeId;

    /// <summary>When the entry drops out unless refreshed.</summary>
    public DateTimeOffset ExpiresAt => ReportedAt + Report.ValidFor;
}
