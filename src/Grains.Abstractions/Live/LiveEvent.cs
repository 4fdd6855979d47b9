using System.Text.Json;
using Orleans;

namespace Pbx.Grains.Live;

/// <summary>One change that live views (dashboard, wallboard, phone page) show without polling.</summary>
/// <param name="Topic">What changed: "registration", "extension", "call", "queue", ...</param>
/// <param name="Key">Which one: extension number, call id, queue id.</param>
/// <param name="Kind">The change: "registered", "ringing", "answered", "ended", ...</param>
/// <param name="Data">Details as JSON, shaped per topic.</param>
/// <param name="Timestamp">When the grain made the change.</param>
[GenerateSerializer, Immutable]
public sealed record LiveEvent(string Topic, string Key, string Kind, JsonElement Data, DateTimeOffset Timestamp);
