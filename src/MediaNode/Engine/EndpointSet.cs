namespace Pbx.MediaNode.Engine;

/// <summary>
/// Endpoints the media clock visits for one kind of work. Members are added and removed where that work starts and ends,
/// never found by scanning every endpoint, so the clock costs nothing for the legs it has nothing to do for. The clock
/// reads a snapshot, copied only after a change; a member removed meanwhile may get one more visit, which every tick step
/// tolerates (a released leg's sends are dropped).
/// </summary>
internal sealed class EndpointSet
{
    private readonly Lock _sync = new();
    private readonly HashSet<MediaEndpoint> _members = [];
    private MediaEndpoint[] _snapshot = [];
    private volatile bool _changed;

    public void Add(MediaEndpoint endpoint)
    {
        lock (_sync)
            _changed |= _members.Add(endpoint);
    }

    public void Remove(MediaEndpoint endpoint)
    {
        lock (_sync)
            _changed |= _members.Remove(endpoint);
    }

    /// <summary>
    /// Adds <paramref name="endpoint"/> if <paramref name="belongs"/> holds for it, else removes it. The condition is read
    /// under the set's lock, so when two threads change what it depends on and each refreshes afterwards, the later
    /// refresh sees both changes and the set ends up right whatever the interleaving.
    /// </summary>
    public void Refresh(MediaEndpoint endpoint, Func<MediaEndpoint, bool> belongs)
    {
        lock (_sync)
            _changed |= belongs(endpoint) ? _members.Add(endpoint) : _members.Remove(endpoint);
    }

    /// <summary>The members, for the clock; the same array until the set changes.</summary>
    public MediaEndpoint[] Snapshot()
    {
        if (!_changed)
            return _snapshot;
        lock (_sync)
        {
            _changed = false;
            return _snapshot = [.. _members];
        }
    }
}
