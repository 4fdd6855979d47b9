namespace Pbx.Grains.Calls.Rules;

/// <summary>What a fork's response does to the call (<see cref="ForkResponseRule.Decide"/>).</summary>
public enum ForkResponseStep
{
    /// <summary>Nothing: a 100, or a response for a fork that is no longer ringing and needs no answer.</summary>
    Ignore,

    /// <summary>A 2xx from a fork the call cancelled (it crossed the CANCEL, or another fork answered first): ACK and BYE it.</summary>
    EndLateAnswer,

    /// <summary>A response for the target of a transfer in progress: the transfer's own rules apply.</summary>
    Transfer,

    /// <summary>A provisional with SDP (RFC 3960 early media): bridge it so the caller hears it, and relay a 183.</summary>
    EarlyMedia,

    /// <summary>A provisional without SDP: the caller hears its own ringback (180).</summary>
    Ringing,

    /// <summary>The first 2xx while ringing: this fork answers, the others are cancelled.</summary>
    Answer,

    /// <summary>A final failure of this fork: it stops ringing; the call fails only when every fork has.</summary>
    Failed,
}

/// <summary>The facts about a fork's response that decide what it does.</summary>
/// <param name="Phase">The call's phase.</param>
/// <param name="TransferRinging">A transfer (or click-to-call's first stage) is ringing its target.</param>
/// <param name="ForkRinging">The fork is one of those ringing now.</param>
/// <param name="ForkCancelled">The fork is one the call cancelled.</param>
/// <param name="Status">The response's status code.</param>
/// <param name="HasSdp">The response carries SDP.</param>
public readonly record struct ForkResponseFacts(CallPhase Phase, bool TransferRinging, bool ForkRinging, bool ForkCancelled, int Status, bool HasSdp);

/// <summary>
/// The B2BUA's rule for responses on its forked callee legs (RFC 3261 13.2.2): provisionals are relayed (with early media
/// when they carry SDP), the first 2xx wins, every later 2xx is still ACKed and then ended with BYE (13.2.2.4), failures
/// count towards the caller's final response once no fork is left.
/// </summary>
public static class ForkResponseRule
{
    public static ForkResponseStep Decide(ForkResponseFacts facts)
    {
        if (facts.TransferRinging && facts.ForkRinging)
            return ForkResponseStep.Transfer;
        if (facts.Phase != CallPhase.Ringing || !facts.ForkRinging)
            return facts.Status is >= 200 and < 300 && facts.ForkCancelled ? ForkResponseStep.EndLateAnswer : ForkResponseStep.Ignore;
        return facts.Status switch
        {
            100 => ForkResponseStep.Ignore,
            < 200 => facts.HasSdp ? ForkResponseStep.EarlyMedia : ForkResponseStep.Ringing,
            < 300 => ForkResponseStep.Answer,
            _ => ForkResponseStep.Failed,
        };
    }
}
