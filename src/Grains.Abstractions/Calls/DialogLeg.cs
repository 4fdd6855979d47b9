using Orleans;
namespace Pbx.Grains.Calls;

/// <summary>
/// One leg's SIP dialog as the PBX sees it (RFC 3261 section 12): everything an edge node needs to send an in-dialog
/// request on it, so any edge can serve the call. URIs and tags are strings; the edge does the SIP encoding.
/// </summary>
/// <param name="CallId">Call-ID of this leg.</param>
/// <param name="LocalUri">Our URI (From of our requests on this leg).</param>
/// <param name="LocalTag">Our tag.</param>
/// <param name="RemoteUri">The peer's URI (To of our requests).</param>
/// <param name="RemoteTag">The peer's tag; null until the peer answered.</param>
/// <param name="RemoteTarget">Request-URI of our in-dialog requests: the peer's Contact (RFC 3261 12.1.1, 12.1.2).</param>
/// <param name="RouteSet">Route headers for in-dialog requests, in order (from Record-Route, RFC 3261 12.1).</param>
/// <param name="Transport">Transport toward the peer ("udp", "tcp", "tls", "ws").</param>
/// <param name="Address">IP address requests go to: the peer's observed source (RFC 3581), for NAT.</param>
/// <param name="Port">Port requests go to.</param>
/// <param name="LocalCSeq">CSeq number of our last request on this leg (RFC 3261 12.2.1.1).</param>
[GenerateSerializer, Immutable]
public sealed record DialogLeg(
    string CallId,
    string LocalUri,
    string LocalTag,
    string RemoteUri,
    string? RemoteTag,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    string Transport,
    string Address,
    int Port,
    uint LocalCSeq);
