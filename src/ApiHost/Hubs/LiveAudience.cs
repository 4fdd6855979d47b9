using System.Text.Json;
using Pbx.Grains.Live;

namespace Pbx.ApiHost.Hubs;

/// <summary>
/// Which hub groups an event goes to: the topic's group, joined by the supervisory roles, and one group per extension the
/// event concerns, joined by that extension's phone users (<see cref="LiveHub.Subscribe"/>). A registration or extension-state
/// event concerns the extension it is keyed by; a call event the call's caller and callee (from the call's first event
/// when a later one carries no parties).
/// </summary>
internal static class LiveAudience
{
    private static readonly string[] PartyFields = ["caller", "callee"];

    /// <summary>The group of <paramref name="topic"/>'s events that concern extension <paramref name="number"/>.</summary>
    public static string GroupOf(string topic, string number) => $"{topic}@{number}";

    /// <summary>The extension numbers <paramref name="liveEvent"/> concerns; <paramref name="known"/> is the board's latest event of the same call, if any.</summary>
    public static IEnumerable<string> NumbersOf(LiveEvent liveEvent, LiveEvent? known) => liveEvent.Topic switch
    {
        LiveCallBoard.CallTopic => Parties(liveEvent.Data).Concat(known is null ? [] : Parties(known.Data)).Distinct(StringComparer.Ordinal),
        _ => [liveEvent.Key],
    };

    /// <summary>Whether a call event concerns <paramref name="number"/>.</summary>
    public static bool IsPartyTo(LiveEvent call, string number) => Parties(call.Data).Contains(number, StringComparer.Ordinal);

    private static IEnumerable<string> Parties(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
            yield break;
        foreach (var name in PartyFields)
        {
            if (data.TryGetProperty(name, out var party) && party.ValueKind == JsonValueKind.String && party.GetString() is { Length: > 0 } number)
                yield return number;
        }
    }
}
