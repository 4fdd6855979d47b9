namespace Pbx.EdgeSip.Security;

/// <summary>
/// Load beyond what the cluster answers in time, section <c>Sip:Overload</c>: past <see cref="MaxPendingRequests"/> new
/// requests waiting on the cluster at this edge, more are answered 503 with Retry-After at once, so a registration storm
/// (every phone back after a power cut or an outage) is served at full rate while the rest wait their turn on the phone
/// instead of timing out here and retransmitting (which would only add load).
/// </summary>
public sealed class SipOverloadOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sip:Overload";

    /// <summary>
    /// New requests (outside a dialog: REGISTER, INVITE, SUBSCRIBE...) this edge lets wait on the cluster at once (10 to
    /// 1,000,000). The default, 2,000, is about 200 ms of work at full rate: a request admitted is answered long before
    /// a phone's first retransmission; requests of calls already up (ACK, BYE, CANCEL, re-INVITE) are never refused.
    /// </summary>
    public int MaxPendingRequests { get; set; } = 2000;

    /// <summary>
    /// Retry-After of the 503 (1 to 3,600 s): each answer picks a value between this and twice this, so phones refused
    /// together do not come back together.
    /// </summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Every invalid setting, each naming its configuration key and allowed range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxPendingRequests is < 10 or > 1_000_000)
            errors.Add($"{SectionName}:{nameof(MaxPendingRequests)} is {MaxPendingRequests}; it must be between 10 and 1000000.");
        if (RetryAfterSeconds is < 1 or > 3600)
            errors.Add($"{SectionName}:{nameof(RetryAfterSeconds)} is {RetryAfterSeconds}; it must be between 1 and 3600.");
        return errors;
    }
}
