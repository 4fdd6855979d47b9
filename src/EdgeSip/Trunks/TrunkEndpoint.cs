using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Trunks;

/// <summary>Where a carrier trunk is reached and what it is called in SIP URIs.</summary>
/// <param name="TrunkId">The trunk's id (for logs and state).</param>
/// <param name="Domain">The carrier's SIP domain: host part of our address-of-record and of the REGISTER Request-URI.</param>
/// <param name="Destination">Where requests go: the carrier host or its outbound proxy (RFC 3261 8.1.2), resolved.</param>
public sealed record TrunkEndpoint(string TrunkId, string Domain, SipEndPoint Destination);
