using Pbx.Grains.Live;

namespace Pbx.Silo.Tests.Grains;

/// <summary>How test grains tell the test what happened inside them: live events on topic "test".</summary>
public static class TestEvents
{
    public const string Topic = "test";

    public static void Publish(ILiveEvents events, string key, string kind, string detail = "") =>
        events.Publish(Topic, key, kind, detail, DateTimeOffset.UtcNow);

    public static bool Is(this LiveEvent liveEvent, string key, string kind) =>
        liveEvent.Topic == Topic && liveEvent.Key == key && liveEvent.Kind == kind;
}
