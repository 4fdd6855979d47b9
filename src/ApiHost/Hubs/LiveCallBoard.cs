using System.Collections.Concurrent;
using System.Text.Json;
using Pbx.Data;
using Pbx.Grains.Live;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// The latest event of every call in progress and of every extension's call state, kept from the live stream so a
/// console page that opens mid-call can draw the current picture before the next event arrives.
/// </summary>
public sealed class LiveCallBoard
{
    /// <summary>The topic of call events (key = call id).</summary>
    public const string CallTopic = "call";

    /// <summary>The topic of extension call-state events (key = number).</summary>
    public const string ExtensionTopic = "extension";

    private readonly ConcurrentDictionary<string, LiveEvent> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LiveEvent> _extensions = new(StringComparer.Ordinal);

    /// <summary>Calls set up or in progress.</summary>
    public int ActiveCallCount => _calls.Count;

    /// <summary>The latest event of each call in progress, oldest first.</summary>
    public IReadOnlyList<LiveEvent> ActiveCalls() => [.. _calls.Values.OrderBy(e => e.Timestamp)];

    /// <summary>The latest event of each call in progress within <paramref name="scope"/> (its extension the caller or callee), oldest first.</summary>
    public IReadOnlyList<LiveEvent> ActiveCalls(ViewScope scope) =>
        scope.Everything ? ActiveCalls() : scope.Extension is { } number ? [.. ActiveCalls().Where(e => LiveAudience.IsPartyTo(e, number))] : [];

    /// <summary>The board's latest event of the call <paramref name="liveEvent"/> is about, or null (not a call event, or an unseen call).</summary>
    public LiveEvent? Call(LiveEvent liveEvent) =>
        liveEvent.Topic == CallTopic && _calls.TryGetValue(liveEvent.Key, out var known) ? known : null;

    /// <summary>The latest call state of each extension that has had one (idle, ringing, in-call, dnd).</summary>
    public IReadOnlyList<LiveEvent> ExtensionStates() => [.. _extensions.Values.OrderBy(e => e.Key, StringComparer.Ordinal)];

    /// <summary>Folds one event in; events of other topics are ignored.</summary>
    public void Apply(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        switch (liveEvent.Topic)
        {
            case CallTopic when liveEvent.Kind == "ended":
                _calls.TryRemove(liveEvent.Key, out _);
                ForgetStatesOfCall(liveEvent.Key);
                break;
            case CallTopic:
                // The first event (ringing) carries the parties; later ones (held, resumed) may carry less, so keep
                // the ringing data and only move the kind and time forward.
                _calls.AddOrUpdate(liveEvent.Key, liveEvent, (_, previous) => Merge(previous, liveEvent));
                break;
            case ExtensionTopic:
                _extensions[liveEvent.Key] = liveEvent;
                break;
        }
    }

    // An extension whose last state came from a call that has ended is no longer ringing or in that call, even when its
    // own "idle" event was lost (a subscriber that fell behind) or never published.
    private void ForgetStatesOfCall(string callId)
    {
        foreach (var (number, state) in _extensions)
        {
            if (state.Data.ValueKind == JsonValueKind.Object && state.Data.TryGetProperty("callId", out var id) && id.ValueEquals(callId))
                _extensions.TryRemove(KeyValuePair.Create(number, state));
        }
    }

    private static LiveEvent Merge(LiveEvent previous, LiveEvent next) =>
        next.Data.ValueKind == JsonValueKind.Object && next.Data.EnumerateObject().Any() ? next : next with { Data = previous.Data };
}
