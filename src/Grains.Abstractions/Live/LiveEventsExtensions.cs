using System.Text.Json;

namespace Pbx.Grains.Live;

/// <summary>Publishing without building the JSON by hand.</summary>
public static class LiveEventsExtensions
{
    /// <summary>Publishes <paramref name="data"/> serialised with the web defaults (camelCase), as SignalR clients expect.</summary>
    /// <example><c>events.Publish("registration", number, "registered", new { contact, expires }, clock.GetUtcNow());</c></example>
    public static void Publish<TData>(this ILiveEvents events, string topic, string key, string kind, TData data, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.Publish(new LiveEvent(topic, key, kind, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web), timestamp));
    }
}
