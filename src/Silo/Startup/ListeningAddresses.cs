using System.Net;

namespace Pbx.Silo.Startup;

/// <summary>What this process listens on once started, as the transports and Kestrel report it (ports chosen by the system resolved).</summary>
/// <param name="SipUdp">Bound SIP UDP sockets; empty without the edge role.</param>
/// <param name="SipTcp">Bound SIP TCP listeners.</param>
/// <param name="SipWebSocket">Bound SIP-over-WebSocket listeners.</param>
/// <param name="SipTls">Bound SIP-over-TLS listeners.</param>
/// <param name="Http">Kestrel's bound addresses (<c>http://0.0.0.0:8080</c>, <c>https://0.0.0.0:8443</c>).</param>
/// <param name="Api">The API role is hosted here, so the HTTP addresses serve the console and REST API.</param>
internal sealed record ListeningAddresses(
    IReadOnlyList<IPEndPoint> SipUdp, IReadOnlyList<IPEndPoint> SipTcp, IReadOnlyList<IPEndPoint> SipWebSocket, IReadOnlyList<IPEndPoint> SipTls, IReadOnlyList<string> Http, bool Api);
