using Orleans;
using Orleans.Runtime;
using Pbx.Grains.Calls.Rules;

namespace Pbx.Grains.Calls;

/// <summary>
/// One call's activation as the types that carry out its rules see it: its key and state, the extensions it deals with,
/// the edge its requests go out through, its clock and timers, and what it tells the rest of the PBX (CDR rows, live
/// events). The grain makes one per activation; the collaborators share it, so none needs the grain itself.
/// </summary>
internal sealed class CallContext(
    IPersistentState<CallState> storage,
    IGrainFactory grains,
    ICallEdgeDirectory edges,
    CallJournal journal,
    TimeProvider time,
    ICallActivation activation)
{
    private readonly string key = activation.Key;
    private ICallEdge? _edge;

    public string Key => key;

    public CallState State => storage.State;

    public IGrainFactory Grains => grains;

    /// <summary>This call's grain, for the media node's events and the legs' directory.</summary>
    public ICallGrain Self => grains.Grain<ICallGrain>(key);

    /// <summary>The extensions this call deals with, their profiles read once per activation.</summary>
    public CallParties Parties { get; } = new(grains, activation.Key);

    public CallJournal Journal => journal;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The edge for requests the call starts itself; after a reactivation the one the INVITE named is gone.</summary>
    public ICallEdge? Edge => _edge ??= edges.Find();

    /// <summary>The edge the call's INVITE came through.</summary>
    public void UseEdge(ICallEdge edge) => _edge = edge;

    /// <summary>An edge to send through, asked of the cluster when none is known here (after a failover).</summary>
    public async Task<ICallEdge?> FindEdgeAsync() => Edge ?? (_edge = await edges.FindAsync());

    /// <summary>The call as stored: written before a request that depends on it goes out.</summary>
    public Task SaveAsync() => storage.WriteStateAsync();

    /// <summary>The stored call is dropped (the call ended).</summary>
    public Task ForgetAsync() => storage.RecordExists ? storage.ClearStateAsync() : Task.CompletedTask;

    /// <summary>Runs <paramref name="callback"/> once, after <paramref name="due"/>, in the call's turn; disposing cancels it.</summary>
    public IDisposable After(TimeSpan due, Func<Task> callback) => activation.After(due, callback);

    /// <summary>The activation goes as soon as it is idle.</summary>
    public void Deactivate() => activation.Deactivate();

    /// <summary>The media endpoint of the caller's side, or of the callee's.</summary>
    public string Endpoint(bool caller) => caller ? State.CallerEndpoint : State.CalleeEndpoint;

    // A trunk call's far end (the caller of an inbound call, the callee of an outbound one) is a number, not an extension.
    public bool CallerIsExtension => State.Trunk is not ({ Direction: "inbound" } or { Inbound: not null });

    public bool CalleeIsExtension => State.Trunk?.Direction != "outbound" && State.Ringing.Length > 0;

    /// <summary>A call event on the live topic, describing the call as its state holds it now.</summary>
    public void PublishCall(string kind, DateTimeOffset at, string? disposition = null) => journal.PublishCall(key, State, kind, at, disposition);

    /// <summary>An extension's activity in this call, for parties that are extensions (<see cref="ExtensionStateRule"/>).</summary>
    public void PublishExtension(string number, string kind, DateTimeOffset at)
    {
        var dialledOut = State.Trunk is { Direction: "outbound" } trunk ? trunk.Number : null;
        if (ExtensionStateRule.IsExtension(number, Parties.IsKnownExtension(number), CallerIsExtension ? null : State.Caller, dialledOut))
            journal.PublishExtension(number, key, kind, at);
    }

    /// <summary>Legs whose Call-ID does not lead here by itself (carrier legs, legs handed over) are mapped to this call.</summary>
    public Task BindLegsAsync(IEnumerable<string> callIds)
    {
        var added = callIds.ToList();
        State.LegCallIds.AddRange(added);
        return BindAsync(added);
    }

    // Legs in the directory of an answered call are stored: a BYE or re-INVITE after its silo died still finds the call.
    public Task BindAsync(IEnumerable<string> callIds) =>
        Task.WhenAll(callIds.Select(id => grains.Grain<ICallLegGrain>(id).BindAsync(key, durable: State.Phase == CallPhase.Answered)));
}

/// <summary>What only the grain itself has for its collaborators: its key, timers in its turn, and leaving.</summary>
internal interface ICallActivation
{
    string Key { get; }

    IDisposable After(TimeSpan due, Func<Task> callback);

    void Deactivate();
}
