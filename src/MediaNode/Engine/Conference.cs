using Pbx.MediaNode.Mixing;

namespace Pbx.MediaNode.Engine;

/// <summary>
/// A conference room on this node: its mixer and members. The media clock mixes it once per tick; membership changes
/// come from the control path, so both take <see cref="Sync"/> (once per tick, never per packet).
/// </summary>
internal sealed class Conference(string id)
{
    private readonly ConferenceMixer _mixer = new(RtpFrame.Samples);
    private readonly List<(MediaEndpoint Endpoint, int Member)> _members = [];

    public string Id { get; } = id;

    public Lock Sync { get; } = new();

    public int Count => _members.Count;

    public void Join(MediaEndpoint endpoint)
    {
        lock (Sync)
            _members.Add((endpoint, _mixer.Join()));
    }

    public void Leave(MediaEndpoint endpoint)
    {
        lock (Sync)
        {
            var index = _members.FindIndex(m => ReferenceEquals(m.Endpoint, endpoint));
            if (index < 0)
                return;
            _mixer.Leave(_members[index].Member);
            _members.RemoveAt(index);
        }
    }

    public void SetMuted(MediaEndpoint endpoint, bool muted)
    {
        lock (Sync)
        {
            foreach (var (member, id) in _members)
            {
                if (ReferenceEquals(member, endpoint))
                    _mixer.SetMuted(id, muted);
            }
        }
    }

    /// <summary>One 20 ms step: every member's received frame in, every member's mix (all others, not itself) out.</summary>
    public void Tick()
    {
        lock (Sync)
        {
            foreach (var (endpoint, member) in _members)
            {
                if (endpoint.TickFrame is { } frame)
                    _mixer.Write(member, frame);
            }
            _mixer.Mix();
            foreach (var (endpoint, member) in _members)
                endpoint.SendMix(_mixer.Read(member), this);
        }
    }
}
