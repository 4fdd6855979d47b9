namespace Pbx.Grains.Calls;

/// <summary>
/// Call waiting: the extensions in a call know it (the caller from the INVITE, the callee from the answer); a new call to
/// an extension already in one rings only when its <c>callWaiting</c> setting (on by default) allows, else it is busy
/// (and its busy forward, if any, rings instead).
/// </summary>
public sealed partial class CallGrain
{
    private static readonly CallerResponse BusyHere = new(486, "Busy Here", null);

    /// <summary>486 when <paramref name="target"/> is in another call and has call waiting off (settings already read); null to ring.</summary>
    private async Task<CallerResponse?> CallWaitingRefusalAsync(string target)
    {
        if (State.Settings.CallWaiting)
            return null;
        var calls = await Parties.OtherCallsAsync(target);
        if (calls == 0)
            return null;
        LogCallWaitingRefused(CallKey, target, calls);
        return BusyHere;
    }

    // A trunk call's far end (the caller of an inbound call, the callee of an outbound one) is a number, not an extension.
    private bool CallerIsExtension => State.Trunk is not ({ Direction: "inbound" } or { Inbound: not null });

    private bool CalleeIsExtension => State.Trunk?.Direction != "outbound" && State.Ringing.Length > 0;

    private Task JoinAsCallerAsync() => CallerIsExtension ? Parties.JoinAsync(State.Caller) : Task.CompletedTask;

    private Task JoinAsCalleeAsync() => CalleeIsExtension ? Parties.JoinAsync(State.Ringing) : Task.CompletedTask;

    /// <summary>Both parties leave: the caller, and the extension rung last (a no-op for it when it never answered).</summary>
    private Task LeaveCallAsync() => Task.WhenAll(
        CallerIsExtension ? Parties.LeaveAsync(State.Caller) : Task.CompletedTask,
        CalleeIsExtension ? Parties.LeaveAsync(State.Ringing) : Task.CompletedTask);
}
