using System.Globalization;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Hosting;

/// <summary>Sends requests from the edge (to a stored binding's address and transport) and returns their final response.</summary>
public sealed class SipClient
{
    /// <summary>RFC 3261 18.1.1: a request larger than this, with the path MTU unknown, must not go over UDP.</summary>
    public const int UdpSizeLimit = 1300;

    private readonly SipTransactionLayer _layer;
    private readonly SipTransportSet _transports;
    private readonly SipOptions _options;

    public SipClient(SipTransactionLayer layer, SipTransportSet transports, IOptions<SipOptions> options)
    {
        _layer = layer;
        _transports = transports;
        _options = options.Value;
    }

    /// <summary>A new out-of-dialog request: fresh Call-ID and From tag, CSeq <paramref name="sequence"/>, Max-Forwards 70, User-Agent.</summary>
    public SipRequest CreateRequest(string method, SipUri requestUri, SipNameAddress from, SipNameAddress to, uint sequence = 1)
    {
        var request = new SipRequest(method, requestUri);
        if (from.Tag is null)
            from.Parameters.Set("tag", SipResponseFactory.NewTag());
        request.Add(SipHeaderId.MaxForwards, "70")
            .Add(SipHeaderId.From, from.ToString())
            .Add(SipHeaderId.To, to.ToString())
            .Add(SipHeaderId.CallId, $"{SipResponseFactory.NewTag()}@pbx")
            .Add(SipHeaderId.CSeq, $"{sequence.ToString(CultureInfo.InvariantCulture)} {method}")
            .Add(SipHeaderId.UserAgent, _options.UserAgent);
        return request;
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="destination"/> (a binding's transport and source address) in a
    /// client transaction, adding our Via with a new branch. Over UDP, a request above 1300 bytes goes over TCP instead
    /// (RFC 3261 18.1.1). Returns the final response, or a local 408 (timeout) / 503 (transport failure).
    /// </summary>
    public async Task<SipResponse> SendAsync(SipRequest request, SipEndPoint destination, Action<SipResponse>? provisional = null, CancellationToken cancellationToken = default)
    {
        AddVia(request, destination, replaceTop: false);
        if (destination.Transport == SipTransportKind.Udp && request.ToBytes().Length > UdpSizeLimit)
        {
            destination = destination with { Transport = SipTransportKind.Tcp };
            AddVia(request, destination, replaceTop: true);
        }
        var transaction = await _layer.SendRequestAsync(request, destination, provisional).ConfigureAwait(false);
        return await transaction.FinalResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void AddVia(SipRequest request, SipEndPoint destination, bool replaceTop)
    {
        var local = _transports.LocalFor(destination);
        var via = $"SIP/2.0/{destination.ViaTransport} {local};branch={SipVia.MagicCookie}{SipResponseFactory.NewTag()};rport";
        var others = request.GetAll(SipHeaderId.Via);
        request.Remove(SipHeaderId.Via);
        request.Add(SipHeaderId.Via, via);
        foreach (var other in replaceTop ? others.Skip(1) : others)
            request.Add(SipHeaderId.Via, other);
    }
}
