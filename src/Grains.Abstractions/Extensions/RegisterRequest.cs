using Orleans;
namespace Pbx.Grains.Extensions;

/// <summary>An authenticated REGISTER as the registrar rules need it (RFC 3261 section 10.3), free of SIP message classes.</summary>
/// <param name="Contacts">The Contact header values; empty for a query (the 200 lists the current bindings).</param>
/// <param name="Wildcard">True when the request carried <c>Contact: *</c> (remove all bindings; valid only alone and with Expires: 0).</param>
/// <param name="Expires">The Expires header value in seconds, or null when absent.</param>
/// <param name="CallId">Call-ID of the request; with <paramref name="CSeq"/> it orders updates (section 10.3 step 7).</param>
/// <param name="CSeq">CSeq number of the request.</param>
/// <param name="SourceAddress">IP address the request came from (the "received" address that reaches the phone behind NAT).</param>
/// <param name="SourcePort">Source port of the request.</param>
/// <param name="Transport">Transport the request came over: "udp", "tcp", "tls", "ws", "wss".</param>
/// <param name="EdgeNodeId">The edge node holding the connection or socket that reaches the phone.</param>
/// <param name="UserAgent">User-Agent header value, for display; may be null.</param>
/// <param name="Path">Path header values in order (RFC 3327 section 5.3), stored and used as the route set towards the phone.</param>
[GenerateSerializer, Immutable]
public sealed record RegisterRequest(
    IReadOnlyList<RegisterContact> Contacts,
    bool Wildcard,
    int? Expires,
    string CallId,
    uint CSeq,
    string SourceAddress,
    int SourcePort,
    string Transport,
    string EdgeNodeId,
    string? UserAgent,
    IReadOnlyList<string> Path);
