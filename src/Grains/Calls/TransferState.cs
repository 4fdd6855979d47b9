namespace Pbx.Grains.Calls;

/// <summary>A transfer in progress, persisted with the call so that a reactivated grain can finish it.</summary>
public sealed class TransferState
{
    public TransferKind Kind { get; set; }

    /// <summary>The number being rung (or joined).</summary>
    public string Target { get; set; } = "";

    /// <summary>The number of the party that leaves (the transferor).</summary>
    public string Transferor { get; set; } = "";

    /// <summary>Call-ID of the leg that leaves; empty for click-to-call.</summary>
    public string LeavingCallId { get; set; } = "";

    /// <summary>True when a REFER asked for it: the transferor gets NOTIFYs on its leg (RFC 3515 2.4.4).</summary>
    public bool Notify { get; set; }

    /// <summary>The transferor hung up while the target rang (blind transfer phones do): no NOTIFY, no BYE is owed to it.</summary>
    public bool TransferorGone { get; set; }

    /// <summary>Set once the 202 was sent and the transfer started, so a repeated start does nothing.</summary>
    public bool Started { get; set; }

    /// <summary>The REFER's Referred-By (RFC 3892), for the INVITE to the target.</summary>
    public string? ReferredBy { get; set; }

    /// <summary>The dialog to take over in an attended transfer.</summary>
    public ReplacesDialog? Replaces { get; set; }

    /// <summary>The media endpoint the target's leg is anchored on.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The target is an outside number rung through a trunk: the call's trunk slot is the transfer's until it is answered.</summary>
    public bool Outside { get; set; }
}
