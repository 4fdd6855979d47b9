namespace Pbx.EdgeSip.Parsing;

/// <summary>
/// Checks a request that parsed but cannot be processed: mandatory headers missing (RFC 3261 8.1.1, RFC 4475 3.3.1) or
/// single-value headers repeated (RFC 4475 3.3.8). Max-Forwards is not required, for RFC 2543 peers (RFC 4475 3.4.1).
/// </summary>
public static class SipRequestChecks
{
    private static readonly SipHeaderId[] Mandatory = [SipHeaderId.Via, SipHeaderId.From, SipHeaderId.To, SipHeaderId.CallId, SipHeaderId.CSeq];

    private static readonly SipHeaderId[] SingleValue =
        [SipHeaderId.From, SipHeaderId.To, SipHeaderId.CallId, SipHeaderId.CSeq, SipHeaderId.MaxForwards, SipHeaderId.ContentLength];

    /// <summary>The reason phrase of the 400 to send, or null when the request can go on to a transaction.</summary>
    public static string? Problem(SipRequest request)
    {
        foreach (var id in Mandatory)
        {
            if (request.Count(id) == 0)
                return $"Bad Request - Missing {SipHeaderNames.Name(id)}";
        }
        foreach (var id in SingleValue)
        {
            if (request.Count(id) > 1)
                return $"Bad Request - Multiple {SipHeaderNames.Name(id)} Values";
        }
        return null;
    }
}
