namespace Pbx.EdgeSip.Transactions;

/// <summary>RFC 3261 timer base values (section 17.1.1.1, table 4), bound from "Sip:Timers".</summary>
public sealed class SipTimerOptions
{
    /// <summary>RTT estimate; default 500 ms.</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses; default 4 s.</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network; default 5 s.</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers B, F, H, J, L, M: 64*T1.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>RFC 3261 17.2.1: send 100 Trying if the TU has not answered an INVITE within 200 ms.</summary>
    public TimeSpan TryingDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
