using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// Matches incoming messages to transactions (RFC 3261 17.1.3, 17.2.3), creates server transactions for new requests and
/// hands them to the transaction user, and starts client transactions for requests the edge sends.
/// </summary>
public sealed partial class SipTransactionLayer
{
    private readonly ConcurrentDictionary<string, SipServerTransaction> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipServerTransaction> _accepted = new(StringComparer.Ordinal);
    // Over UDP, for 64*T1: final responses of non-INVITE server transactions (timer J) and keys of acknowledged INVITEs.
    private readonly LingeringResponseStore _lingering;
    // Client transaction ends nothing cancels, by duration (timer K = T4, timer D = 32 s).
    private readonly ConcurrentDictionary<TimeSpan, FixedDelayQueue> _terminations = new();
    private readonly ISipSender _sender;
    private readonly ILogger<SipTransactionLayer> _logger;

    public SipTransactionLayer(ISipSender sender, TimeProvider time, IOptions<SipTimerOptions> timers, ILogger<SipTransactionLayer> logger)
    {
        _sender = sender;
        Time = time;
        Timers = timers.Value;
        _logger = logger;
        _lingering = new LingeringResponseStore(time, Timers.TransactionTimeout);
    }

    /// <summary>Called for each new server transaction (not for retransmissions, ACKs or CANCELs the layer answers itself).</summary>
    public Func<SipServerTransaction, Task>? OnRequest { get; set; }

    /// <summary>Called for an ACK that matches no server transaction: the ACK for a 2xx, which belongs to the dialog (RFC 3261 17.2.3, 13.2.2.4).</summary>
    public Func<SipRequest, SipEndPoint, Task>? OnAck { get; set; }

    public int ServerTransactionCount => _servers.Count + _lingering.Count;

    public int ClientTransactionCount => _clients.Count;

    internal TimeProvider Time { get; }

    internal SipTimerOptions Timers { get; }

    /// <summary>Entry point for every well-formed request from a transport.</summary>
    public async Task ReceiveRequestAsync(SipRequest request, SipEndPoint source)
    {
        var via = request.TopVia!;
        if (request.Method == "ACK")
        {
            var inviteKey = ServerKey(request, via, "INVITE");
            if (_servers.TryGetValue(inviteKey, out var invite))
            {
                invite.OnAck();
                return;
            }
            // A retransmitted ACK for an error response already acknowledged (RFC 3261 17.2.1, timer I).
            if (_lingering.Contains(inviteKey))
            {
                request.Dispose();
                return;
            }
            if (_accepted.TryGetValue(DialogKey(request), out var accepted))
                accepted.OnAck();
            if (OnAck is not null)
                await OnAck(request, source).ConfigureAwait(false);
            return;
        }

        var key = ServerKey(request, via, request.Method);
        if (AnsweredFromLingering(key, request))
            return;
        var transaction = new SipServerTransaction(this, key, request, source);
        var existing = _servers.GetOrAdd(key, transaction);
        if (!ReferenceEquals(existing, transaction))
        {
            LogRetransmission(request.Method, key);
            existing.OnRetransmission();
            request.Dispose();
            return;
        }
        // The original may have moved to the lingering table between the first look and the add (it is added there
        // before it leaves the transaction table), so a second look closes the window.
        if (_lingering.Contains(key))
        {
            _servers.TryRemove(new KeyValuePair<string, SipServerTransaction>(key, transaction));
            AnsweredFromLingering(key, request);
            return;
        }
        transaction.Start();

        if (request.Method == "CANCEL")
        {
            // RFC 3261 9.2: a CANCEL matches the INVITE server transaction with the same branch; 481 if there is none.
            if (_servers.TryGetValue(ServerKey(request, via, "INVITE"), out var target))
            {
                await transaction.RespondAsync(transaction.CreateResponse(200, "OK")).ConfigureAwait(false);
                await target.CancelAsync().ConfigureAwait(false);
            }
            else
            {
                await transaction.RespondAsync(transaction.CreateResponse(481, "Call/Transaction Does Not Exist")).ConfigureAwait(false);
            }
            return;
        }

        if (OnRequest is null)
            return;
        await OnRequest(transaction).ConfigureAwait(false);
        // RFC 3261 17.2.2: for timer J's 64*T1 a non-INVITE transaction needs only its last response. Returning the
        // request's pooled buffer now, not 32 s later, keeps two requests per REGISTER out of the old GC generations.
        if (!transaction.IsInvite)
            transaction.ReleaseRequest();
    }

    /// <summary>Entry point for every well-formed response; one that matches no client transaction is dropped (RFC 3261 8.1.3.1 / 18.1.2).</summary>
    public void ReceiveResponse(SipResponse response)
    {
        var branch = response.TopViaBranch;
        var method = response.CSeq?.Method;
        if (branch is null || method is null || !_clients.TryGetValue(ClientKey(branch, method), out var transaction))
        {
            LogStrayResponse(response.StatusCode, response.CallId);
            response.Dispose();
            return;
        }
        transaction.OnResponse(response);
    }

    /// <summary>
    /// Sends <paramref name="request"/> (with a top Via carrying a fresh z9hG4bK branch) to <paramref name="destination"/>
    /// through a new client transaction. The returned transaction's <see cref="SipClientTransaction.FinalResponse"/> completes
    /// with the final response or a local 408/503.
    /// </summary>
    public async Task<SipClientTransaction> SendRequestAsync(SipRequest request, SipEndPoint destination, Action<SipResponse>? provisional = null)
    {
        var branch = request.TopVia?.Branch ?? throw new ArgumentException("the request needs a top Via with a branch", nameof(request));
        var key = ClientKey(branch, request.CSeq?.Method ?? request.Method);
        var transaction = new SipClientTransaction(this, key, request, destination, provisional);
        if (!_clients.TryAdd(key, transaction))
            throw new InvalidOperationException($"a client transaction with branch {branch} already exists");
        // RFC 3261 9.1: the INVITE a CANCEL targets (same branch) is given up 64*T1 later if it has no final response by then.
        if (request.Method == "CANCEL" && _clients.TryGetValue(ClientKey(branch, "INVITE"), out var invite))
            invite.OnCancelSent();
        await transaction.StartAsync().ConfigureAwait(false);
        return transaction;
    }

    /// <summary>
    /// Timer J over UDP (RFC 3261 17.2.2): from its final response on, the transaction is only its response bytes in the
    /// lingering table, answered from there; the transaction object, its request and lock are no longer referenced.
    /// </summary>
    internal void Linger(SipServerTransaction transaction, byte[] finalResponse)
    {
        _lingering.Add(transaction.Key, transaction.Source, finalResponse);
        _servers.TryRemove(new KeyValuePair<string, SipServerTransaction>(transaction.Key, transaction));
    }

    /// <summary>
    /// An acknowledged INVITE server transaction: over UDP its key lingers 64*T1 with no response, so a retransmitted ACK
    /// (timer I, T4, after an error response) or INVITE (timer L, RFC 6026, after a 2xx) is absorbed; over a reliable
    /// transport none can come.
    /// </summary>
    internal void Absorb(SipServerTransaction transaction)
    {
        if (!transaction.Source.IsReliable)
            _lingering.Add(transaction.Key, transaction.Source, []);
        Remove(transaction);
    }

    /// <summary>
    /// Ends a transaction after <paramref name="delay"/> that nothing will cancel (client timers D and K), through one
    /// shared queue per duration rather than a timer each; at once when <paramref name="delay"/> is zero (reliable transports).
    /// </summary>
    internal void TerminateAfter(ref ITimer? timer, TimeSpan delay, Action terminate)
    {
        if (delay <= TimeSpan.Zero)
        {
            // Still from a timer: the caller holds its transaction's lock.
            Schedule(ref timer, TimeSpan.Zero, terminate);
            return;
        }
        timer?.Dispose();
        timer = null;
        _terminations.GetOrAdd(delay, static (d, time) => new FixedDelayQueue(time, d), Time).Add(terminate);
    }

    internal void TrackAccepted(SipServerTransaction transaction) => _accepted[DialogKey(transaction.Request)] = transaction;

    internal void Remove(SipServerTransaction transaction)
    {
        _servers.TryRemove(new KeyValuePair<string, SipServerTransaction>(transaction.Key, transaction));
        if (transaction.IsInvite)
            _accepted.TryRemove(new KeyValuePair<string, SipServerTransaction>(DialogKey(transaction.Request), transaction));
    }

    internal void Remove(SipClientTransaction transaction) =>
        _clients.TryRemove(new KeyValuePair<string, SipClientTransaction>(transaction.Key, transaction));

    internal async Task SendAsync(SipEndPoint destination, byte[] bytes) =>
        await _sender.SendAsync(destination, bytes, CancellationToken.None).ConfigureAwait(false);

    /// <summary>Fire-and-forget send for retransmissions from timer callbacks; failures are logged, the timers carry on.</summary>
    internal void Send(SipEndPoint destination, byte[] bytes) => _ = SendLoggedAsync(destination, bytes);

    internal void Schedule(ref ITimer? timer, TimeSpan due, Action action)
    {
        timer?.Dispose();
        timer = Time.CreateTimer(static state => ((Action)state!)(), action, due, Timeout.InfiniteTimeSpan);
    }

    private bool AnsweredFromLingering(string key, SipRequest request)
    {
        if (!_lingering.TryGet(key, out var source, out var response))
            return false;
        LogRetransmission(request.Method, key);
        request.Dispose();
        // RFC 3261 17.2.2: a retransmission in Completed gets the final response again, to where that response went;
        // a retransmission of an acknowledged INVITE is only absorbed.
        if (response.Length > 0)
            Send(source, response);
        return true;
    }

    private async Task SendLoggedAsync(SipEndPoint destination, byte[] bytes)
    {
        try
        {
            await SendAsync(destination, bytes).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            LogSendFailed(destination.ToString(), e);
        }
    }

    /// <summary>
    /// RFC 3261 17.2.3: branch + sent-by + method (ACK matches INVITE). Without the magic cookie, an RFC 2543 peer: fall
    /// back to Call-ID, CSeq number, From tag and sent-by.
    /// </summary>
    private static string ServerKey(SipRequest request, SipVia via, string method)
    {
        var sentBy = via.Port is { } port ? $"{via.Host}:{port.ToString(CultureInfo.InvariantCulture)}" : via.Host;
        var branch = via.Branch;
        return branch is not null && branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal) && branch.Length > SipVia.MagicCookie.Length
            ? $"{branch}|{sentBy}|{method}"
            : $"2543|{request.CallId}|{request.CSeq?.Number}|{request.From?.Tag}|{sentBy}|{method}";
    }

    private static string ClientKey(string branch, string method) => $"{branch}|{(method == "ACK" ? "INVITE" : method)}";

    private static string DialogKey(SipRequest request) => $"{request.CallId}|{request.CSeq?.Number}";
}
