using System.Diagnostics;

namespace Pbx.MediaNode.Engine;

/// <summary>
/// Traces of the media node: a span per control request a call makes of it (allocate, answer, offer, bridge, release), a
/// child of the call grain's span when tracing is on, so a slow set-up shows whether the time went to media.
/// </summary>
public static class MediaTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "Pbx.Media";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of one control request on <paramref name="subject"/> (a call or endpoint id), or null when nobody listens.</summary>
    internal static Activity? Start(string operation, string subject)
    {
        var activity = Source.StartActivity($"media {operation}", ActivityKind.Internal);
        activity?.SetTag("media.subject", subject);
        return activity;
    }
}
