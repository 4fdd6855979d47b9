using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// What is left of a UDP non-INVITE server transaction during timer J (RFC 3261 17.2.2): its key, where it answered and
/// the final response's bytes, which is all a retransmitted request needs. The request, the transaction object and its
/// lock are garbage from the final response on, so the 64*T1 of lingering holds a few hundred bytes, not an object graph.
/// </summary>
internal sealed record LingeringResponse(string Key, SipEndPoint Source, byte[] Bytes);
