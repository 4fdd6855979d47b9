using System.Diagnostics;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Hosting;

/// <summary>
/// Traces of the SIP edge (OpenTelemetry, exported when <c>Traces:Enabled</c>): one server span per new request, from its
/// arrival to the end of its handling (for an INVITE, the whole set-up). Grain calls made meanwhile carry its context
/// (Orleans activity propagation), so a call's trace runs edge, call grain, media node. Without a listener starting a span
/// costs one check.
/// </summary>
public static class SipTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "Pbx.Sip";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of one request, or null when nobody listens.</summary>
    internal static Activity? Start(SipRequest request)
    {
        var activity = Source.StartActivity($"SIP {SipMetrics.MethodTag(request.Method)}", ActivityKind.Server);
        if (activity is not null)
        {
            activity.SetTag("sip.method", request.Method);
            activity.SetTag("sip.call_id", request.CallId);
        }
        return activity;
    }
}
