using System.Globalization;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Calls.Reliable;

/// <summary>
/// The reliable provisional responses to one caller's INVITE (RFC 3262 section 3): each carries Require: 100rel and the
/// next RSeq, is retransmitted until its PRACK, and the next one waits for that PRACK. A 2xx waits until a reliable
/// response with SDP is acknowledged. With no PRACK by 64*T1 <paramref name="gaveUp"/> runs: RFC 3262 section 3 has the
/// UAS fail the INVITE with a 5xx then.
/// </summary>
internal sealed class SipReliableResponder(SipServerContext context, TimeProvider time, TimeSpan t1, Func<Task> gaveUp)
{
    private readonly Lock _gate = new();
    // RFC 3262 section 3: "the UAS MUST NOT send a second reliable provisional response until the first is acknowledged".
    private readonly SemaphoreSlim _turn = new(1, 1);
    // RFC 3262 section 3: the first RSeq is chosen between 1 and 2^31 - 1.
    private uint _nextRSeq = (uint)Random.Shared.Next(1, int.MaxValue);
    private Outstanding? _outstanding;
    // Set when a response went unacknowledged: the INVITE is being failed, so nothing queued behind it goes out.
    private bool _gaveUp;
    private Task<bool> _sdpAcknowledged = Task.FromResult(true);

    /// <summary>
    /// Sends <paramref name="response"/> reliably once the previous reliable one is acknowledged. False when it was not
    /// sent: a final response went first, or the previous one was never acknowledged.
    /// </summary>
    public async Task<bool> SendAsync(SipResponse response, bool hasSdp)
    {
        await _turn.WaitAsync();
        Outstanding outstanding;
        lock (_gate)
        {
            if (_gaveUp || context.Transaction.HasFinalResponse)
            {
                _turn.Release();
                return false;
            }
            outstanding = new Outstanding(_nextRSeq++, response);
            _outstanding = outstanding;
            if (hasSdp)
                _sdpAcknowledged = outstanding.Acknowledged.Task;
        }
        response.Add(SipHeaderId.Require, SipOptionTags.Reliable)
            .Add("RSeq", outstanding.RSeq.ToString(CultureInfo.InvariantCulture));
        await context.RespondAsync(response);
        Schedule(outstanding, 1);
        return true;
    }

    /// <summary>Completes when every reliable response with SDP is acknowledged (true) or given up (false): a 2xx waits for it.</summary>
    public Task<bool> SdpAcknowledgedAsync()
    {
        lock (_gate)
            return _sdpAcknowledged;
    }

    /// <summary>
    /// A PRACK's RAck: true when it names the response awaiting its PRACK (same RSeq, and the INVITE's CSeq and method,
    /// RFC 3262 section 3), which is then acknowledged once <paramref name="answerPrack"/> has sent the PRACK's 200, so the
    /// caller gets that 200 before the 2xx that waited for it; false means 481.
    /// </summary>
    public async Task<bool> AcknowledgeAsync(SipRAck rack, Func<Task> answerPrack)
    {
        Outstanding? matched;
        lock (_gate)
        {
            matched = _outstanding;
            var invite = context.Request.CSeq;
            if (matched is null || rack.RSeq != matched.RSeq || invite is not { } cseq || rack.CSeq != cseq.Number
                || !string.Equals(rack.Method, cseq.Method, StringComparison.Ordinal))
                return false;
            _outstanding = null;
            matched.Timer?.Dispose();
        }
        try
        {
            await answerPrack();
        }
        finally
        {
            End(matched, acknowledged: true);
        }
        return true;
    }

    /// <summary>
    /// A final response was sent: retransmissions stop and whatever waits for a PRACK is let go (RFC 3262 section 3). A
    /// PRACK for the last response still matches and gets its 200.
    /// </summary>
    public void Stop()
    {
        Outstanding? stopped;
        lock (_gate)
            stopped = _outstanding;
        if (stopped is not null)
            End(stopped, acknowledged: false);
    }

    private void Schedule(Outstanding outstanding, int retransmission)
    {
        var wait = SipReliableSchedule.Wait(retransmission, t1);
        lock (_gate)
        {
            if (outstanding.Acknowledged.Task.IsCompleted || context.Transaction.HasFinalResponse)
                return;
            outstanding.Timer?.Dispose();
            outstanding.Timer = time.CreateTimer(_ =>
            {
                if (wait is null)
                    GiveUp(outstanding);
                else
                    Retransmit(outstanding, retransmission);
            }, null, wait ?? SipReliableSchedule.FinalWait(t1), Timeout.InfiniteTimeSpan);
        }
    }

    private void Retransmit(Outstanding outstanding, int retransmission)
    {
        if (outstanding.Acknowledged.Task.IsCompleted)
            return;
        context.Transaction.Resend(outstanding.Response);
        Schedule(outstanding, retransmission + 1);
    }

    private void GiveUp(Outstanding outstanding)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_outstanding, outstanding))
                return;
            _outstanding = null;
            _gaveUp = true;
        }
        End(outstanding, acknowledged: false);
        if (!context.Transaction.HasFinalResponse)
            _ = gaveUp();
    }

    private void End(Outstanding outstanding, bool acknowledged)
    {
        outstanding.Timer?.Dispose();
        if (outstanding.Acknowledged.TrySetResult(acknowledged))
            _turn.Release();
    }

    private sealed class Outstanding(uint rseq, SipResponse response)
    {
        public uint RSeq { get; } = rseq;

        public SipResponse Response { get; } = response;

        public TaskCompletionSource<bool> Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ITimer? Timer { get; set; }
    }
}
