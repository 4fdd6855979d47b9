using System.Net;

namespace Pbx.MediaNode.Rtp;

/// <summary>Takes one datagram received by a <see cref="DatagramReceiver"/>; the span is reused for the next one.</summary>
/// <param name="datagram">The datagram, writable so a relay can rewrite its header in place.</param>
/// <param name="from">Its source; the same object for as long as the source does not change.</param>
internal delegate void DatagramHandler(Span<byte> datagram, IPEndPoint from);
