using Orleans.Runtime;
using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Security;
using Pbx.EdgeSip.Transactions;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Hosting;

/// <summary>
/// The SIP edge: starts the transports, turns what they receive into transactions, answers what no handler serves
/// (OPTIONS 200, 405/501 with Allow, 400 naming the fault, 416, 420) and hands every other new request to the
/// <see cref="ISipRequestHandler"/> registered for its method.
/// </summary>
public sealed partial class SipEdge : IHostedService, ISipInbound
{
    // RFC 3261 and the extensions a PBX meets: known but not served here means 405, unknown means 501 (RFC 3261 8.2.1).
    internal static readonly FrozenSet<string> KnownMethods = FrozenSet.ToFrozenSet(
        ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH"],
        StringComparer.Ordinal);

    // Extensions a request may require: reliable provisional responses (RFC 3262) and session timers (RFC 4028).
    private static readonly FrozenSet<string> RequirableTags =
        FrozenSet.ToFrozenSet([SipOptionTags.Reliable, SipOptionTags.Timer], StringComparer.OrdinalIgnoreCase);

    private readonly SipTransportSet _transports;
    private readonly SipTransactionLayer _layer;
    private readonly SipFloodGuard _guard;
    private readonly FrozenDictionary<string, ISipRequestHandler> _handlers;
    private readonly SipOptions _options;
    private readonly ILogger<SipEdge> _logger;
    private readonly string _allow;

    public SipEdge(SipTransportSet transports, SipTransactionLayer layer, SipFloodGuard guard, IEnumerable<ISipRequestHandler> handlers,
        IOptions<SipOptions> options, ILogger<SipEdge> logger)
    {
        _transports = transports;
        _layer = layer;
        _guard = guard;
        _handlers = handlers.ToFrozenDictionary(h => h.Method, StringComparer.Ordinal);
        _options = options.Value;
        _logger = logger;
        var allowed = new SortedSet<string>(_handlers.Keys, StringComparer.Ordinal) { "ACK", "CANCEL", "OPTIONS" };
        _allow = string.Join(", ", allowed);
    }

    /// <summary>Supported header value: the extensions this edge implements (RFC 3262, RFC 4028).</summary>
    public const string SupportedTags = $"{SipOptionTags.Reliable}, {SipOptionTags.Timer}";

    /// <summary>Allow header value: the methods this edge serves.</summary>
    public string Allow => _allow;

    /// <summary>ACKs for 2xx (end-to-end, outside any transaction, RFC 3261 13.2.2.4): for call control.</summary>
    public Func<SipRequest, SipEndPoint, Task>? AckReceived { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _layer.OnRequest = DispatchAsync;
        _layer.OnAck = (ack, source) => AckReceived?.Invoke(ack, source) ?? Task.CompletedTask;
        await _transports.StartAsync(this, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _transports.StopAsync().ConfigureAwait(false);

    void ISipInbound.OnPacket(ReadOnlySpan<byte> packet, SipEndPoint source)
    {
        SipMessage message;
        try
        {
            message = SipMessageParser.ParseDatagram(packet);
        }
        catch (SipParseException e)
        {
            ((ISipInbound)this).OnMalformed(packet, e, source);
            return;
        }
        ((ISipInbound)this).OnMessage(message, source);
    }

    void ISipInbound.OnMessage(SipMessage message, SipEndPoint source)
    {
        if (message is SipResponse response)
        {
            _layer.ReceiveResponse(response);
            return;
        }
        var request = (SipRequest)message;
        var dropped = _guard.Admit(source.Remote, request.Get(SipHeaderId.UserAgent));
        if (dropped != SipDropReason.None)
        {
            SipMetrics.OnDropped(dropped == SipDropReason.Flood ? "flood" : "scanner");
            return;
        }
        _ = ProcessRequestAsync(request, source);
    }

    void ISipInbound.OnMalformed(ReadOnlySpan<byte> bytes, SipParseException error, SipEndPoint source)
    {
        SipMetrics.OnMalformed();
        LogMalformed(source.ToString(), error.ReasonPhrase, error.Excerpt);
        var response = SipErrorResponder.Create(bytes, error, KnownMethods, _allow);
        if (response is not null)
            _ = SendStatelessAsync(response, source);
    }

    private async Task ProcessRequestAsync(SipRequest request, SipEndPoint source)
    {
        try
        {
            var problem = SipRequestChecks.Problem(request);
            if (problem is not null)
            {
                LogRejected(source.ToString(), request.Method, problem);
                if (request.Method != "ACK" && request.Count(SipHeaderId.Via) > 0)
                    await SendStatelessAsync(SipResponseFactory.Create(request, 400, problem, SipResponseFactory.NewTag(), source), source).ConfigureAwait(false);
                return;
            }
            // RFC 3261 8.2.2.1 and RFC 4475 3.3.2: a Request-URI scheme we cannot serve is 416.
            if (!SipUri.TryParse(request.RequestUriText, out var uri) || uri.Scheme is not ("sip" or "sips" or "tel"))
            {
                if (request.Method != "ACK")
                    await SendStatelessAsync(SipResponseFactory.Create(request, 416, "Unsupported URI Scheme", SipResponseFactory.NewTag(), source), source).ConfigureAwait(false);
                return;
            }
            await _layer.ReceiveRequestAsync(request, source).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SipParseException or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            LogProcessingFailed(source.ToString(), request.Method, e);
        }
    }

    private async Task DispatchAsync(SipServerTransaction transaction)
    {
        var context = new SipServerContext(transaction, _options);
        var request = transaction.Request;
        SipMetrics.OnRequest(request.Method);
        using var span = SipTracing.Start(request);
        // RFC 3261 8.2.2.3: a Require naming an extension we do not implement is 420 listing those in Unsupported.
        if (request.Get(SipHeaderId.Require) is not null && request.Method != "CANCEL"
            && SipOptionTags.Unsupported(request, RequirableTags) is { } unsupported)
        {
            var response = context.CreateResponse(420, "Bad Extension");
            response.Add(SipHeaderId.Unsupported, unsupported);
            await context.RespondAsync(response).ConfigureAwait(false);
            return;
        }
        if (_handlers.TryGetValue(request.Method, out var handler))
        {
            await RunHandlerAsync(handler, context).ConfigureAwait(false);
            return;
        }
        if (request.Method == "OPTIONS")
        {
            // RFC 3261 11.2: what we serve, which bodies we take, which extensions we know.
            var response = context.CreateResponse(200, "OK");
            response.Add(SipHeaderId.Allow, _allow).Add(SipHeaderId.Accept, "application/sdp").Add(SipHeaderId.Supported, SupportedTags);
            await context.RespondAsync(response).ConfigureAwait(false);
            return;
        }
        var known = KnownMethods.Contains(request.Method);
        var refusal = known ? context.CreateResponse(405, "Method Not Allowed") : context.CreateResponse(501, "Not Implemented");
        refusal.Add(SipHeaderId.Allow, _allow);
        await context.RespondAsync(refusal).ConfigureAwait(false);
    }

    private async Task RunHandlerAsync(ISipRequestHandler handler, SipServerContext context)
    {
        var clusterUnavailable = false;
        try
        {
            await handler.HandleAsync(context, context.Cancelled).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // A silo died and the cluster has not declared it dead yet (Cluster:FailureDetection), or none is reachable.
            clusterUnavailable = true;
            SipMetrics.OnClusterUnavailable();
            LogClusterUnavailable(handler.Method, context.Request.CallId, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.Cancelled.IsCancellationRequested)
        {
            LogHandlerFailed(handler.Method, context.Request.CallId, e);
        }
        finally
        {
            if (!context.Transaction.HasFinalResponse)
                await context.RespondAsync(clusterUnavailable ? ServiceUnavailable(context) : context.CreateResponse(500, "Server Internal Error")).ConfigureAwait(false);
        }
    }

    // RFC 3261 21.5.4: temporarily unable, try again after Retry-After seconds; phones and proxies retry or fail over.
    private static SipResponse ServiceUnavailable(SipServerContext context)
    {
        var response = context.CreateResponse(503, "Service Unavailable");
        response.Add(SipHeaderId.RetryAfter, "5");
        return response;
    }

    private async Task SendStatelessAsync(SipResponse response, SipEndPoint destination)
    {
        try
        {
            await _transports.SendAsync(destination, response.ToBytes(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            LogSendFailed(destination.ToString(), e);
        }
    }
}
