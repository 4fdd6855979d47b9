namespace Pbx.EdgeSip.Calls;

/// <summary>
/// How long to wait before retrying a re-INVITE that got 491 Request Pending (RFC 3261 section 14.1): the UA that chose
/// the dialog's Call-ID waits 2.1 to 4 s, the other 0 to 2 s, both in units of 10 ms, so the two retries do not collide again.
/// </summary>
internal static class SipGlareBackoff
{
    /// <summary>A wait drawn from the range of the Call-ID's owner (<paramref name="ownsCallId"/>) or of the other side.</summary>
    public static TimeSpan Wait(bool ownsCallId, Random random)
    {
        var units = ownsCallId ? random.Next(210, 401) : random.Next(0, 201);
        return TimeSpan.FromMilliseconds(units * 10);
    }
}
