namespace Pbx.Grains.Calls;

/// <summary>How a call's dialog data moves on (RFC 3261 12): confirmed by a response, and each new request's CSeq.</summary>
public static class DialogLegs
{
    /// <summary>A local tag for a new dialog (RFC 3261 19.3: random, at least 32 bits).</summary>
    public static string NewTag() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>The leg with its next local CSeq, for a new request on it (RFC 3261 12.2.1.1).</summary>
    public static DialogLeg Next(DialogLeg leg) => leg with { LocalCSeq = leg.LocalCSeq + 1 };

    /// <summary>A fork's dialog as a response with a To tag confirmed it (RFC 3261 12.1.2).</summary>
    public static DialogLeg Confirmed(DialogLeg fork, ForkResponse response) => fork with
    {
        RemoteTag = response.RemoteTag,
        RemoteTarget = response.Contact ?? fork.RemoteTarget,
        // RFC 3261 12.1.2: the UAC's route set is the Record-Route of the response, reversed.
        RouteSet = [.. response.RecordRoute.Reverse()],
        LocalCSeq = response.LocalCSeq ?? fork.LocalCSeq,
    };
}
