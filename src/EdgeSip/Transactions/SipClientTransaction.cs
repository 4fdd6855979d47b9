using Pbx.EdgeSip.Parsing;
using Pbx.EdgeSip.Transport;

namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// The INVITE (RFC 3261 17.1.1) and non-INVITE (17.1.2) client transactions: retransmit over UDP (timers A, E),
/// give up with a 408 after 64*T1 (timers B, F; RFC 3261 8.1.3.1), ACK non-2xx finals themselves (17.1.1.3) and
/// absorb retransmitted finals (timers D, K).
/// </summary>
public sealed class SipClientTransaction
{
    private readonly Lock _gate = new();
    private readonly SipTransactionLayer _layer;
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<SipResponse>? _provisional;
    private readonly byte[] _bytes;
    private byte[]? _ack;
    private ITimer? _retransmit;
    private ITimer? _timeout;
    private TimeSpan _interval;

    internal SipClientTransaction(SipTransactionLayer layer, string key, SipRequest request, SipEndPoint destination, Action<SipResponse>? provisional)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Destination = destination;
        _provisional = provisional;
        IsInvite = request.Method == "INVITE";
        State = IsInvite ? SipTransactionState.Calling : SipTransactionState.Trying;
        _bytes = request.ToBytes();
    }

    internal string Key { get; }

    public SipRequest Request { get; }

    public SipEndPoint Destination { get; }

    public bool IsInvite { get; }

    public SipTransactionState State { get; private set; }

    /// <summary>The final response: the peer's, or a local 408 on timeout and 503 on transport failure (RFC 3261 8.1.3.1).</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    internal async Task StartAsync()
    {
        var timers = _layer.Timers;
        lock (_gate)
        {
            _interval = timers.T1;
            if (!Destination.IsReliable)
                _layer.Schedule(ref _retransmit, _interval, Retransmit);
            _layer.Schedule(ref _timeout, timers.TransactionTimeout, () => Fail(408, "Request Timeout"));
        }
        try
        {
            await _layer.SendAsync(Destination, _bytes).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            _layer.LogSendFailed(Destination.ToString(), e);
            Fail(503, "Service Unavailable");
        }
    }

    internal void OnResponse(SipResponse response)
    {
        byte[]? ackToSend = null;
        var deliverFinal = false;
        var deliverProvisional = false;
        var ended = false;
        lock (_gate)
        {
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding:
                    if (response.IsProvisional)
                    {
                        State = SipTransactionState.Proceeding;
                        // Timer A stops on a provisional response; timer E goes on at T2 (RFC 3261 17.1.2.2).
                        if (IsInvite)
                            _retransmit?.Dispose();
                        else
                            _interval = _layer.Timers.T2;
                        deliverProvisional = true;
                        break;
                    }
                    deliverFinal = true;
                    _retransmit?.Dispose();
                    _timeout?.Dispose();
                    if (IsInvite && response.StatusCode >= 300)
                    {
                        _ack = SipResponseFactory.CreateAck(Request, response).ToBytes();
                        ackToSend = _ack;
                        State = SipTransactionState.Completed;
                        // Timer D: at least 32 s over UDP to answer retransmitted finals with the ACK; zero when reliable.
                        _layer.TerminateAfter(ref _timeout, Destination.IsReliable ? TimeSpan.Zero : TimeSpan.FromSeconds(32), Terminate);
                    }
                    else if (IsInvite)
                    {
                        // The 2xx ends the transaction (RFC 3261 17.1.1.2): the TU ACKs it end to end. RFC 6026's
                        // Accepted state would keep this object and both messages 64*T1 per call only to drop further
                        // 2xx, which arrive here as stray responses and are dropped just the same.
                        State = SipTransactionState.Terminated;
                        ended = true;
                    }
                    else
                    {
                        State = SipTransactionState.Completed;
                        // Timer K: T4 over UDP to absorb retransmitted finals, zero when reliable.
                        _layer.TerminateAfter(ref _timeout, Destination.IsReliable ? TimeSpan.Zero : _layer.Timers.T4, Terminate);
                    }
                    break;
                case SipTransactionState.Completed when IsInvite && !response.IsProvisional:
                    ackToSend = _ack;
                    break;
            }
        }
        if (ended)
            _layer.Remove(this);
        if (ackToSend is not null)
            _layer.Send(Destination, ackToSend);
        if (deliverProvisional)
            _provisional?.Invoke(response);
        if (deliverFinal)
            _final.TrySetResult(response);
    }

    /// <summary>
    /// A CANCEL for this INVITE went out: a peer that never sends the final response (487) would leave it ringing for ever,
    /// so it ends with a local 408 after 64*T1 (RFC 3261 9.1), as timer B would have ended it before any provisional.
    /// </summary>
    internal void OnCancelSent()
    {
        lock (_gate)
        {
            if (State is SipTransactionState.Calling or SipTransactionState.Proceeding)
                _layer.Schedule(ref _timeout, _layer.Timers.TransactionTimeout, () => Fail(408, "Request Timeout", afterCancel: true));
        }
    }

    private void Retransmit()
    {
        lock (_gate)
        {
            if (State is not (SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding))
                return;
            // Timer A doubles without bound (17.1.1.2); timer E doubles up to T2 (17.1.2.2).
            _interval = IsInvite ? _interval * 2 : TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, _layer.Timers.T2.Ticks));
            _layer.Schedule(ref _retransmit, _interval, Retransmit);
        }
        _layer.Send(Destination, _bytes);
    }

    private void Fail(int statusCode, string reason, bool afterCancel = false)
    {
        lock (_gate)
        {
            // Timer B counts only in Calling (RFC 3261 17.1.1.2): an INVITE that got a provisional rings until its TU ends
            // it (no-answer time, CANCEL), however long that is. Timer F runs on through Proceeding (17.1.2.2).
            if (State is not (SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding)
                || (IsInvite && State == SipTransactionState.Proceeding && !afterCancel))
                return;
            _retransmit?.Dispose();
        }
        Terminate();
        _final.TrySetResult(SipResponseFactory.Create(Request, statusCode, reason, null, null));
    }

    private void Terminate()
    {
        lock (_gate)
        {
            State = SipTransactionState.Terminated;
            _retransmit?.Dispose();
            _timeout?.Dispose();
        }
        _layer.Remove(this);
    }
}
