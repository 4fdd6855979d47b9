namespace Pbx.Grains.Calls;

/// <summary>Persisted state of <see cref="CallGrain"/>: both legs' dialogs and the media endpoints that anchor them.</summary>
public sealed class CallState
{
    public CallPhase Phase { get; set; }

    public string Caller { get; set; } = "";

    public string? CallerName { get; set; }

    public string Callee { get; set; } = "";

    /// <summary>The extension actually rung, after forwarding.</summary>
    public string Ringing { get; set; } = "";

    /// <summary>Call features of the extension being rung (forward on busy / no answer).</summary>
    public ExtensionCallSettings Settings { get; set; } = new();

    /// <summary>The media node's offer for the callee side, reused by every fork.</summary>
    public string CalleeOffer { get; set; } = "";

    /// <summary>Caller ID shown to the callee.</summary>
    public string CallerDisplay { get; set; } = "";

    /// <summary>Next fork id; forks of forwarded targets continue the numbering.</summary>
    public int NextForkId { get; set; }

    /// <summary>Forwards the dial plan applied, for the CDR.</summary>
    public List<DialPlanStep> History { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The caller's dialog (our UAS side).</summary>
    public DialogLeg? CallerLeg { get; set; }

    /// <summary>The answering callee's dialog (our UAC side).</summary>
    public DialogLeg? CalleeLeg { get; set; }

    /// <summary>Forks still ringing, by fork id.</summary>
    public Dictionary<string, DialogLeg> Forks { get; set; } = [];

    /// <summary>
    /// Call-IDs of the legs whose Call-ID does not lead here by itself (<see cref="LegCallIds"/>): carrier legs and legs
    /// handed over from another call, mapped to this call by <see cref="ICallLegGrain"/>.
    /// </summary>
    public List<string> LegCallIds { get; set; } = [];

    /// <summary>Forks we cancelled, kept so that a 2xx crossing our CANCEL can be ended with BYE.</summary>
    public Dictionary<string, DialogLeg> CancelledForks { get; set; } = [];

    /// <summary>Final statuses of the forks that failed, for the caller's response when all have.</summary>
    public List<int> FailedStatuses { get; set; } = [];

    public string CallerEndpoint { get; set; } = "";

    public string CalleeEndpoint { get; set; } = "";

    /// <summary>Highest CSeq received on each leg (RFC 3261 12.2.2), by Call-ID.</summary>
    public Dictionary<string, uint> RemoteCSeqs { get; set; } = [];

    /// <summary>True while one side has put the other on hold.</summary>
    public bool Held { get; set; }

    /// <summary>The SDP answer owed to the leg whose re-INVITE/UPDATE is being forwarded.</summary>
    public string? PendingAnswer { get; set; }

    /// <summary>A re-INVITE or UPDATE offer forwarded to the other leg and not answered yet; an offer from that leg meanwhile is glare.</summary>
    public OfferInFlight? OfferInFlight { get; set; }

    /// <summary>The running recording's id on the media node (it names the file), or null when not recording.</summary>
    public string? RecordingId { get; set; }

    /// <summary>Full path of the running recording's WAV file.</summary>
    public string? RecordingPath { get; set; }

    /// <summary>Session timer of the caller's leg (RFC 4028), negotiated from its INVITE.</summary>
    public LegSessionTimer? CallerSessionTimer { get; set; }

    /// <summary>Session timer of the callee's leg, negotiated from its 2xx.</summary>
    public LegSessionTimer? CalleeSessionTimer { get; set; }

    /// <summary>A transfer (or the first stage of a click-to-call) in progress: what rings in <see cref="Forks"/> and for whom.</summary>
    public TransferState? Transfer { get; set; }

    /// <summary>The caller's way through IVR menus while it is in one; null otherwise.</summary>
    public Menus.MenuState? Menu { get; set; }

    /// <summary>Started by the PBX (click-to-call): the caller leg is a dialog the PBX set up, ended with BYE if the callee never answers.</summary>
    public bool Originated { get; set; }

    /// <summary>Set for calls through a carrier trunk (inbound or outbound); null for internal calls.</summary>
    public TrunkCallState? Trunk { get; set; }

    /// <summary>Moves every ringing fork to <see cref="CancelledForks"/>; returns their ids for the edge to CANCEL.</summary>
    public List<string> CancelForks()
    {
        var ids = new List<string>(Forks.Keys);
        foreach (var (id, leg) in Forks)
            CancelledForks[id] = leg;
        Forks.Clear();
        return ids;
    }

    /// <summary>
    /// A carrier that stayed silent to our INVITE is given up without CANCEL (RFC 3261 9.1 forbids one before a
    /// provisional), so its fork is kept with the cancelled ones: a 2xx it sends after all (after failover, or after the
    /// transfer it was for failed) still finds it, to be ended with BYE (13.2.2.4).
    /// </summary>
    public void KeepSilentCarrierFork(string forkId, DialogLeg fork, int status)
    {
        if (status == 408 && Trunk is { Direction: "outbound" })
            CancelledForks[forkId] = fork;
    }

    /// <summary>
    /// The final response for the caller when every fork failed (RFC 3261 16.7 step 6 rules, simplified for a PBX):
    /// busy wins, then a no-answer kind, then the first failure.
    /// </summary>
    public (CallerResponse Response, string Disposition) FailureOutcome()
    {
        if (FailedStatuses.Exists(s => s is 486 or 600))
            return (new CallerResponse(486, "Busy Here", null), Cdrs.CdrDisposition.Busy);
        if (FailedStatuses.Count == 0 || FailedStatuses.TrueForAll(s => s is 408 or 480 or 487 or 503))
            return (new CallerResponse(480, "Temporarily Unavailable", null), Cdrs.CdrDisposition.NoAnswer);
        var first = FailedStatuses.Find(s => s is not (408 or 480 or 487 or 503));
        return (new CallerResponse(first, "Call Failed", null), Cdrs.CdrDisposition.Failed);
    }

    /// <summary>
    /// The media endpoint facing the party that is not <paramref name="fromNumber"/>: keys pressed on the caller's side go
    /// to the callee and the other way round. The callee side answers to the dialled number and to the extension rung
    /// after forwarding. Null when the number is neither party.
    /// </summary>
    public string? EndpointAway(string fromNumber)
    {
        if (fromNumber == Caller)
            return CalleeEndpoint;
        if (fromNumber == Callee || fromNumber == Ringing)
            return CallerEndpoint;
        return null;
    }
}
