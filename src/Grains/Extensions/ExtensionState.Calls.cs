namespace Pbx.Grains.Extensions;

/// <summary>The calls the extension is in, for call waiting.</summary>
public sealed partial class ExtensionState
{
    // By call id: joining and leaving cost the same for an extension in one call and for one in a thousand (an operator's,
    // a queue's, the callee of a load test), where scanning a list made each join and leave O(calls).
    private Dictionary<string, DateTimeOffset> _calls = new(StringComparer.Ordinal);

    /// <summary>
    /// Calls in progress, oldest first: the persisted form, built when the state is written and read back when it is
    /// loaded. A copy: change the calls through <see cref="JoinCall"/>, <see cref="LeaveCall"/> and <see cref="ForgetCallsBefore"/>.
    /// </summary>
    public List<ExtensionCall> Calls
    {
        get => [.. _calls.Select(call => new ExtensionCall(call.Key, call.Value)).OrderBy(call => call.JoinedAt)];
        set
        {
            _calls = new Dictionary<string, DateTimeOffset>(value.Count, StringComparer.Ordinal);
            foreach (var call in value)
                _calls.TryAdd(call.CallId, call.JoinedAt);
        }
    }

    /// <summary>Adds the call; false when it was already there.</summary>
    public bool JoinCall(string callId, DateTimeOffset now) => _calls.TryAdd(callId, now);

    /// <summary>Removes the call; false when it was not there.</summary>
    public bool LeaveCall(string callId) => _calls.Remove(callId);

    /// <summary>
    /// Drops calls joined before <paramref name="start"/>: the process that held them died with them (their CDRs are closed
    /// as interrupted), and a stale entry would keep an extension without call waiting busy for ever.
    /// </summary>
    public bool ForgetCallsBefore(DateTimeOffset start)
    {
        var stale = _calls.Where(call => call.Value < start).Select(call => call.Key).ToList();
        foreach (var callId in stale)
            _calls.Remove(callId);
        return stale.Count > 0;
    }

    /// <summary>The keys of the calls in progress, oldest first.</summary>
    public IReadOnlyList<string> CallIds() => Calls.ConvertAll(call => call.CallId);
}
