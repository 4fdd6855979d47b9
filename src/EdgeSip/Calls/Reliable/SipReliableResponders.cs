using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Hosting;
using Pbx.EdgeSip.Transactions;
using Pbx.Grains.Calls;

namespace Pbx.EdgeSip.Calls.Reliable;

/// <summary>
/// Answers callers' INVITEs as call grains decide, provisional responses reliably where the caller asked for it (RFC 3262
/// section 3), and keeps each INVITE's <see cref="SipReliableResponder"/> by dialog so a PRACK finds it. A caller that
/// never mentions 100rel costs an option-tag scan per provisional response and nothing else.
/// </summary>
public sealed partial class SipReliableResponders(TimeProvider time, IOptions<SipTimerOptions> timers, ILogger<SipReliableResponders> logger)
{
    private readonly ConcurrentDictionary<string, SipReliableResponder> _byDialog = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends <paramref name="answer"/> on the caller's INVITE; false when it was not sent: a final response went first, a
    /// reliable response before it was never acknowledged, or (for a 2xx) the early answer it must follow was never PRACKed.
    /// </summary>
    internal async Task<bool> RespondAsync(SipServerContext context, CallerResponse answer, string contact)
    {
        if (context.Transaction.HasFinalResponse)
            return false;
        var response = SipInviteHandler.CreateResponse(context, answer, contact);
        var hasSdp = answer.Sdp is not null;
        if (answer.Status < 200)
        {
            if (!SipReliablePolicy.SendReliably(answer.Status, hasSdp, context.Request))
            {
                await context.RespondAsync(response);
                return true;
            }
            return await _byDialog.GetOrAdd(DialogKey(context.Request.CallId, context.Transaction.ToTag), _ => Create(context)).SendAsync(response, hasSdp);
        }
        // Checked for emptiness first: the dialog key is a string, and a call without 100rel should not build it.
        SipReliableResponder? reliable = null;
        if (!_byDialog.IsEmpty)
            _byDialog.TryGetValue(DialogKey(context.Request.CallId, context.Transaction.ToTag), out reliable);
        // RFC 3262 section 3: no 2xx before the reliable provisional responses with SDP are acknowledged.
        if (reliable is not null && answer.Status < 300 && !await reliable.SdpAcknowledgedAsync())
            return false;
        await context.RespondAsync(response);
        reliable?.Stop();
        return true;
    }

    /// <summary>
    /// A PRACK on the dialog <paramref name="callId"/>/<paramref name="localTag"/>: true when it acknowledges the reliable
    /// response awaiting it, after <paramref name="answerPrack"/> sent its 200; false when it names none (481, RFC 3262 section 3).
    /// </summary>
    internal async Task<bool> AcknowledgeAsync(string callId, string localTag, SipRAck rack, Func<Task> answerPrack) =>
        _byDialog.TryGetValue(DialogKey(callId, localTag), out var responder) && await responder.AcknowledgeAsync(rack, answerPrack);

    /// <summary>
    /// The caller's INVITE is over (every fork ended): later PRACKs for it get 481, and a response still waiting for its
    /// turn (the INVITE ended by a CANCEL, which answers it without this class) is let go.
    /// </summary>
    internal void Forget(SipServerContext context)
    {
        if (!_byDialog.IsEmpty && _byDialog.TryRemove(DialogKey(context.Request.CallId, context.Transaction.ToTag), out var responder))
            responder.Stop();
    }

    private SipReliableResponder Create(SipServerContext context) =>
        new(context, time, timers.Value.T1, () => FailAsync(context));

    /// <summary>
    /// RFC 3262 section 3: a reliable provisional response never PRACKed in 64*T1 fails the INVITE with a 5xx; the call then
    /// ends as a caller's CANCEL would end it, so the forks still ringing are CANCELled at once.
    /// </summary>
    private async Task FailAsync(SipServerContext context)
    {
        try
        {
            LogNotAcknowledged(context.Request.CallId ?? "");
            await context.RespondAsync(context.CreateResponse(504, "Reliable Response Time-Out"));
            await context.Transaction.CancelAsync();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            LogFailFailed(context.Request.CallId ?? "", e);
        }
    }

    private static string DialogKey(string? callId, string localTag) => $"{callId}|{localTag}";
}
