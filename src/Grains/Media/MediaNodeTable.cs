namespace Pbx.Grains.Media;

/// <summary>
/// The rules of the media directory, without a silo: a report adds or refreshes its node's entry, an entry lapses at
/// <see cref="MediaNodeEntry.ExpiresAt"/>, and reading the table drops lapsed entries first.
/// </summary>
public sealed class MediaNodeTable
{
    private readonly Dictionary<string, MediaNodeEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Entries held, lapsed or not.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds or refreshes the entry of <paramref name="report"/>'s node, received at <paramref name="now"/>.</summary>
    /// <returns>True when the node joins: it had no entry, or only a lapsed one.</returns>
    public bool Register(MediaNodeReport report, DateTimeOffset now)
    {
        var joins = !_entries.TryGetValue(report.NodeId, out var previous) || previous.ExpiresAt <= now;
        _entries[report.NodeId] = new MediaNodeEntry(report, now);
        return joins;
    }

    /// <summary>Removes a node; false when it was not there.</summary>
    public bool Unregister(string nodeId) => _entries.Remove(nodeId);

    /// <summary>Drops the entries lapsed at <paramref name="now"/> and returns the others, by node id.</summary>
    public IReadOnlyList<MediaNodeEntry> Live(DateTimeOffset now)
    {
        var live = new List<MediaNodeEntry>(_entries.Count);
        List<string>? lapsed = null;
        foreach (var entry in _entries.Values)
        {
            if (entry.ExpiresAt <= now)
                (lapsed ??= []).Add(entry.NodeId);
            else
                live.Add(entry);
        }
        if (lapsed is not null)
        {
            foreach (var nodeId in lapsed)
                _entries.Remove(nodeId);
        }
        live.Sort(static (a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
        return live;
    }
}
