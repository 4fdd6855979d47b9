using System.Diagnostics.Metrics;

namespace Pbx.EdgeSip.Hosting;

/// <summary>
/// What an edge counts, on the <c>Pbx.Sip</c> meter (OpenTelemetry, exported at <c>/metrics</c>): new requests by method,
/// REGISTER outcomes, malformed datagrams, requests dropped from flooding sources and scanners, requests refused because no silo answered, and failed TLS handshakes. Counting is one interlocked add.
/// </summary>
public static class SipMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Pbx.Sip";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("pbx.sip.requests", "{request}", "new SIP requests (retransmissions absorbed), by method");
    private static readonly Counter<long> Registrations = Meter.CreateCounter<long>("pbx.sip.registrations", "{request}", "authenticated REGISTERs answered, by result");
    private static readonly Counter<long> Malformed = Meter.CreateCounter<long>("pbx.sip.malformed", "{message}", "datagrams and stream messages that did not parse");
    private static readonly Counter<long> Dropped = Meter.CreateCounter<long>("pbx.sip.dropped", "{request}", "requests dropped unanswered: a flooding source or a scanner, by reason");
    private static readonly Counter<long> ClusterUnavailable = Meter.CreateCounter<long>("pbx.sip.cluster_unavailable", "{request}", "requests answered 503 because no silo answered");
    private static readonly Counter<long> TlsHandshakeFailures = Meter.CreateCounter<long>("pbx.sip.tls_handshake_failures", "{connection}",
        "TLS connections closed before their handshake completed, by reason: timeout, refused (no common version or cipher, the client's alert), closed");

    /// <summary>
    /// The tag value a request's method is counted under: itself when the edge knows it, else "other" (anyone can send a
    /// request with a made-up method, and each would be a new series).
    /// </summary>
    public static string MethodTag(string method) => SipEdge.KnownMethods.TryGetValue(method, out var known) ? known : "other";

    internal static void OnRequest(string method) => Requests.Add(1, new KeyValuePair<string, object?>("method", MethodTag(method)));

    internal static void OnRegistration(string result) => Registrations.Add(1, new KeyValuePair<string, object?>("result", result));

    internal static void OnMalformed() => Malformed.Add(1);

    internal static void OnDropped(string reason) => Dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal static void OnClusterUnavailable() => ClusterUnavailable.Add(1);

    internal static void OnTlsHandshakeFailed(string reason) => TlsHandshakeFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
