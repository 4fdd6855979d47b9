namespace Pbx.EdgeSip.Transactions;

/// <summary>
/// States of the four RFC 3261 section 17 state machines (Accepted from RFC 6026). An INVITE server transaction goes
/// from Completed or Accepted straight to Terminated on the ACK: what Confirmed and the rest of Accepted do, absorbing
/// retransmissions, the transaction layer does from the transaction's key alone.
/// </summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Accepted,
    Terminated,
}
