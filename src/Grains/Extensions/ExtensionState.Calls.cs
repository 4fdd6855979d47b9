namespace Pbx.Grains.Extensions;

/// <summary>The calls the extension is in, for call waiting.</summary>
public sealed partial class ExtensionState
{
    /// <summary>Calls in progress, oldest first.</summary>
    public List<ExtensionCall> Calls { get; set; } = [];

    /// <summary>Adds the call; false when it was already there.</summary>
    public bool JoinCall(string callId, DateTimeOffset now)
    {
        if (Calls.Exists(c => c.CallId == callId))
            return false;
        Calls.Add(new ExtensionCall(callId, now));
        return true;
    }

    /// <summary>Removes the call; false when it was not there.</summary>
    public bool LeaveCall(string callId) => Calls.RemoveAll(c => c.CallId == callId) > 0;

    /// <summary>
    /// Drops calls joined before <paramref name="start"/>: the process that held them died with them (their CDRs are closed
    /// as interrupted), and a stale entry would keep an extension without call waiting busy for ever.
    /// </summary>
    public bool ForgetCallsBefore(DateTimeOffset start) => Calls.RemoveAll(c => c.JoinedAt < start) > 0;

    /// <summary>The keys of the calls in progress.</summary>
    public IReadOnlyList<string> CallIds() => Calls.ConvertAll(c => c.CallId);
}
