using Orleans;

namespace Pbx.Grains.Media;

/// <summary>
/// The media nodes of the cluster, one activation under <see cref="MediaDirectory.Key"/>. Each node reports itself and its
/// load every few seconds; an entry not refreshed within its <see cref="MediaNodeReport.ValidFor"/> drops out by itself,
/// so a node that dies disappears without anyone telling the directory.
/// </summary>
public interface IMediaDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or refreshes a node's entry with its current load.</summary>
    Task RegisterAsync(MediaNodeReport report);

    /// <summary>Removes a node that stops cleanly; an unknown id does nothing.</summary>
    Task UnregisterAsync(string nodeId);

    /// <summary>The nodes whose last report is still valid, expired ones removed first.</summary>
    Task<IReadOnlyList<MediaNodeEntry>> GetLiveNodesAsync();
}
