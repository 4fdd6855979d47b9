namespace Pbx.EdgeSip.Calls.Reliable;

/// <summary>
/// When a UAS sends a reliable provisional response again (RFC 3262 section 3): after T1, then at intervals doubling each
/// time (with no T2 cap, unlike the 2xx of RFC 3261 13.3.1.4), until its PRACK arrives; after 64*T1 without one it gives up.
/// </summary>
internal static class SipReliableSchedule
{
    /// <summary>
    /// The wait before retransmission number <paramref name="retransmission"/> (1 = the first), or null once the next
    /// retransmission would fall at or after 64*T1 from the first sending: the UAS then stops and fails the request.
    /// </summary>
    public static TimeSpan? Wait(int retransmission, TimeSpan t1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retransmission, 1);
        // Retransmission n goes at (2^n - 1) * T1 after the first sending; the last one before 64*T1 is the sixth (63*T1).
        if (retransmission > 6)
            return null;
        return t1 * (1 << (retransmission - 1));
    }

    /// <summary>How long after the last retransmission the UAS waits for a PRACK before giving up: up to 64*T1 in all.</summary>
    public static TimeSpan FinalWait(TimeSpan t1) => t1;
}
