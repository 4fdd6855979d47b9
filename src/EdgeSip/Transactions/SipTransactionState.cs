namespace Pbx.EdgeSip.Transactions;

/// <summary>States of the four RFC 3261 section 17 state machines (Accepted from RFC 6026).</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
