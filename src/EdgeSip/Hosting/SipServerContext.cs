using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Hosting;

/// <summary>What a handler gets for one incoming request: the request, where it came from, and how to answer it.</summary>
public sealed class SipServerContext
{
    private readonly SipOptions _options;

    internal SipServerContext(SipServerTransaction transaction, SipOptions options)
    {
        Transaction = transaction;
        _options = options;
    }

    public SipRequest Request => Transaction.Request;

    /// <summary>Transport and source address of the request: store it in a binding to reach the phone later (NAT-safe, RFC 3581).</summary>
    public SipEndPoint Source => Transaction.Source;

    public SipServerTransaction Transaction { get; }

    /// <summary>The digest realm from configuration.</summary>
    public string Realm => _options.Realm;

    /// <summary>Cancelled when the caller CANCELs this INVITE (the 487 has then been sent).</summary>
    public CancellationToken Cancelled => Transaction.Cancelled;

    /// <summary>A response with Via/From/To/Call-ID/CSeq copied (RFC 3261 8.2.6), a To tag, and our Server header; add headers before sending.</summary>
    public SipResponse CreateResponse(int statusCode, string reasonPhrase)
    {
        var response = Transaction.CreateResponse(statusCode, reasonPhrase);
        response.Add(SipHeaderId.Server, _options.UserAgent);
        return response;
    }

    public Task RespondAsync(SipResponse response) => Transaction.RespondAsync(response);

    /// <summary>Shortcut: create and send a response with no extra headers.</summary>
    public Task RespondAsync(int statusCode, string reasonPhrase) => RespondAsync(CreateResponse(statusCode, reasonPhrase));
}
