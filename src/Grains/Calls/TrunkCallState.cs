namespace Pbx.Grains.Calls;

/// <summary>The trunk side of a call in <see cref="CallState"/>: which trunk carries it and, outbound, which are left to fail over to.</summary>
public sealed class TrunkCallState
{
    /// <summary>"inbound" or "outbound".</summary>
    public string Direction { get; set; } = "";

    /// <summary>The trunk holding a call slot for this call; empty before one is taken.</summary>
    public string TrunkId { get; set; } = "";

    /// <summary>The outside number in E.164: the dialled number (outbound) or the DID (inbound).</summary>
    public string Number { get; set; } = "";

    /// <summary>Outbound: the extension the number was dialled as (the caller, or the one that forwarded or transferred), whose limits count the call.</summary>
    public string Dialler { get; set; } = "";

    /// <summary>Outbound: when the call went out (the answer of a call forwarded or transferred out came before it).</summary>
    public DateTimeOffset WentOutAt { get; set; }

    /// <summary>The calling extension's own outbound number, if it has one.</summary>
    public string? CallerId { get; set; }

    /// <summary>Trunks of the dial rule not tried yet, in order.</summary>
    public List<string> RemainingTrunks { get; set; } = [];

    /// <summary>
    /// A call from a trunk that goes back out (forward, deflect, transfer to an outside number): the inbound side, whose
    /// slot the call still holds next to this outbound one. Restored when the way out fails; null otherwise.
    /// </summary>
    public TrunkCallState? Inbound { get; set; }
}
