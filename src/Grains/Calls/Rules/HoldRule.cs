namespace Pbx.Grains.Calls.Rules;

/// <summary>
/// Whether a party's new offer puts the other party on hold (RFC 3264 8.4): a stream offered sendonly or inactive, or
/// recvonly (some phones hold that way), means the party stops listening; sendrecv again resumes. The other side is then
/// offered sendonly, so the media node can play it music on hold.
/// </summary>
public static class HoldRule
{
    public static bool Holds(string offer) =>
        offer.Contains("a=sendonly", StringComparison.Ordinal) || offer.Contains("a=inactive", StringComparison.Ordinal)
        || offer.Contains("a=recvonly", StringComparison.Ordinal);
}
