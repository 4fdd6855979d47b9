using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// The INVITE (RFC 3261 17.2.1, RFC 6026) and non-INVITE (17.2.2) server transactions. The transaction user answers with
/// <see cref="RespondAsync"/>; the transaction resends the last response when the request is retransmitted, retransmits
/// non-2xx INVITE finals over UDP until the ACK (timers G, H, I), 2xx INVITE finals until the ACK (13.3.1.4, timer L),
/// and absorbs retransmissions for 64*T1 after a non-INVITE final (timer J; over UDP the layer does it from the response bytes).
/// </summary>
public sealed class SipServerTransaction
{
    private readonly Lock _gate = new();
    private readonly SipTransactionLayer _layer;
    // Only an INVITE can be cancelled (RFC 3261 9.2); the rest, which linger 32 s after answering, carry no source.
    private readonly CancellationTokenSource? _cancelled;
    private byte[]? _lastResponse;
    private ITimer? _trying;
    private ITimer? _retransmit;
    private ITimer? _timeout;
    private TimeSpan _interval;

    internal SipServerTransaction(SipTransactionLayer layer, string key, SipRequest request, SipEndPoint source)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Source = source;
        IsInvite = request.Method == "INVITE";
        _cancelled = IsInvite ? new CancellationTokenSource() : null;
        State = IsInvite ? SipTransactionState.Proceeding : SipTransactionState.Trying;
        ToTag = SipResponseFactory.NewTag();
    }

    internal string Key { get; }

    public SipRequest Request { get; }

    /// <summary>Where the request came from; every response goes back there.</summary>
    public SipEndPoint Source { get; }

    public bool IsInvite { get; }

    /// <summary>The tag this UAS puts in To for every response of this transaction.</summary>
    public string ToTag { get; }

    public SipTransactionState State { get; private set; }

    /// <summary>Fires when a CANCEL for this INVITE arrives (RFC 3261 9.2); a 487 has then already been sent.</summary>
    public CancellationToken Cancelled => _cancelled?.Token ?? CancellationToken.None;

    /// <summary>True once a final (200-699) response was sent.</summary>
    public bool HasFinalResponse => State is not (SipTransactionState.Trying or SipTransactionState.Proceeding);

    /// <summary>A response to this request with headers copied per RFC 3261 8.2.6 and this transaction's To tag.</summary>
    public SipResponse CreateResponse(int statusCode, string reasonPhrase) =>
        SipResponseFactory.Create(Request, statusCode, reasonPhrase, ToTag, Source);

    /// <summary>Sends <paramref name="response"/>; a second final response, or any response after the final one, is ignored (RFC 3261 17.2.1).</summary>
    public async Task RespondAsync(SipResponse response)
    {
        var bytes = response.ToBytes();
        lock (_gate)
        {
            if (HasFinalResponse || State == SipTransactionState.Terminated)
            {
                _layer.LogResponseAfterFinal(response.StatusCode, Request.Method, Key);
                return;
            }
            _lastResponse = bytes;
            _trying?.Dispose();
            if (response.IsProvisional)
                State = SipTransactionState.Proceeding;
            else
                EnterFinal(response.StatusCode);
        }
        await _layer.SendAsync(Source, bytes).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a provisional response again, as the UA core asks for a reliable one until its PRACK (RFC 3262 section 3);
    /// nothing once a final response went out.
    /// </summary>
    internal void Resend(SipResponse provisional)
    {
        var bytes = provisional.ToBytes();
        lock (_gate)
        {
            if (HasFinalResponse || State == SipTransactionState.Terminated)
                return;
            _lastResponse = bytes;
        }
        _layer.Send(Source, bytes);
    }

    /// <summary>Starts timer "100 Trying" for INVITE: sent if the TU has not answered within 200 ms (RFC 3261 17.2.1).</summary>
    internal void Start()
    {
        if (IsInvite)
            _trying = _layer.Time.CreateTimer(_ => SendTrying(), null, _layer.Timers.TryingDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Returns the request's pooled buffer once the final response is out; the transaction answers retransmissions from its last response.</summary>
    internal void ReleaseRequest()
    {
        lock (_gate)
        {
            if (HasFinalResponse)
                Request.Dispose();
        }
    }

    /// <summary>The same request arrived again: resend the last response, if any (RFC 3261 17.2.1, 17.2.2).</summary>
    internal void OnRetransmission()
    {
        byte[]? resend;
        lock (_gate)
            resend = State == SipTransactionState.Terminated ? null : _lastResponse;
        if (resend is not null)
            _layer.Send(Source, resend);
    }

    /// <summary>ACK for our final response: stop retransmitting and leave absorbing retransmissions to the layer.</summary>
    internal void OnAck()
    {
        lock (_gate)
        {
            if (State is not (SipTransactionState.Completed or SipTransactionState.Accepted))
                return;
            State = SipTransactionState.Terminated;
            _retransmit?.Dispose();
            _timeout?.Dispose();
        }
        // The final response is acknowledged: what is left is absorbing retransmitted ACKs (timer I after an error
        // response) or INVITEs (timer L after a 2xx, RFC 6026 8.7), which the layer does from the key alone, so this
        // object and its request go now instead of living on for every call.
        _layer.Absorb(this);
    }

    /// <summary>RFC 3261 9.2: a matching CANCEL. Answer the INVITE 487 if it has no final response yet, and tell the TU.</summary>
    internal async Task CancelAsync()
    {
        bool pending;
        lock (_gate)
            pending = !HasFinalResponse;
        if (pending)
            await RespondAsync(CreateResponse(487, "Request Terminated")).ConfigureAwait(false);
        if (_cancelled is not null)
            await _cancelled.CancelAsync().ConfigureAwait(false);
    }

    private void SendTrying()
    {
        byte[] bytes;
        lock (_gate)
        {
            if (_lastResponse is not null || State != SipTransactionState.Proceeding)
                return;
            bytes = _lastResponse = CreateResponse(100, "Trying").ToBytes();
        }
        _layer.Send(Source, bytes);
    }

    private void EnterFinal(int statusCode)
    {
        var timers = _layer.Timers;
        if (!IsInvite)
        {
            // Timer J: 64*T1 over UDP to absorb retransmissions, by the layer from the response bytes alone (one shared
            // queue, all lingering alike); this object is done. Zero over a reliable transport.
            if (Source.IsReliable)
            {
                State = SipTransactionState.Completed;
                _layer.Schedule(ref _timeout, TimeSpan.Zero, Terminate);
            }
            else
            {
                State = SipTransactionState.Terminated;
                _layer.Linger(this, _lastResponse!);
            }
            return;
        }
        _interval = timers.T1;
        if (statusCode >= 300)
        {
            State = SipTransactionState.Completed;
            // Timer G retransmits over UDP (T1 doubling to T2); timer H gives up waiting for the ACK after 64*T1.
            if (!Source.IsReliable)
                _layer.Schedule(ref _retransmit, _interval, Retransmit);
            _layer.Schedule(ref _timeout, timers.TransactionTimeout, () =>
            {
                _layer.LogAckTimeout(Key);
                Terminate();
            });
            return;
        }
        // RFC 6026 Accepted: the 2xx is retransmitted until its ACK (RFC 3261 13.3.1.4) and retransmitted INVITEs
        // are answered with it, until timer L (64*T1).
        State = SipTransactionState.Accepted;
        _layer.TrackAccepted(this);
        if (!Source.IsReliable)
            _layer.Schedule(ref _retransmit, _interval, Retransmit);
        // Timer L, cancelled by the ACK (which normally comes within a round trip).
        _layer.Schedule(ref _timeout, timers.TransactionTimeout, Terminate);
    }

    private void Retransmit()
    {
        byte[]? bytes;
        lock (_gate)
        {
            if (State is not (SipTransactionState.Completed or SipTransactionState.Accepted) || _lastResponse is null)
                return;
            bytes = _lastResponse;
            _interval = TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, _layer.Timers.T2.Ticks));
            _layer.Schedule(ref _retransmit, _interval, Retransmit);
        }
        _layer.Send(Source, bytes);
    }

    internal void Terminate()
    {
        lock (_gate)
        {
            if (State == SipTransactionState.Terminated)
                return;
            State = SipTransactionState.Terminated;
            _retransmit?.Dispose();
            _timeout?.Dispose();
            _trying?.Dispose();
        }
        _layer.Remove(this);
    }
}
