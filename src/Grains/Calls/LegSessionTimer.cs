namespace Pbx.Grains.Calls;

/// <summary>The session timer negotiated on one leg (RFC 4028): its interval and who refreshes it.</summary>
/// <param name="Seconds">The session interval.</param>
/// <param name="PbxRefreshes">True when the PBX sends the refreshes on this leg; false when it expects them from the phone.</param>
public sealed record LegSessionTimer(int Seconds, bool PbxRefreshes)
{
    /// <summary>
    /// When the PBX acts on this leg: the refresher sends at half the interval; the other side, missing a refresh, ends the
    /// session at the interval minus the lesser of 32 seconds and a third of it (RFC 4028 section 10).
    /// </summary>
    public TimeSpan Due => PbxRefreshes
        ? TimeSpan.FromSeconds(Seconds / 2.0)
        : TimeSpan.FromSeconds(Seconds - Math.Min(32, Seconds / 3.0));

    /// <summary>The headers of a request the PBX sends on the leg (refresher roles are those of that transaction, RFC 4028 section 7.1).</summary>
    public SessionTimer ForRequest() => new(Seconds, PbxRefreshes ? SessionTimer.Uac : SessionTimer.Uas, null, true);

    /// <summary>The headers of the PBX's 2xx to a request received on the leg (RFC 4028 section 9).</summary>
    public SessionTimer ForResponse() => new(Seconds, PbxRefreshes ? SessionTimer.Uas : SessionTimer.Uac, null, true);
}
