namespace Pbx.EdgeSip.Trunks;

/// <summary>Why a carrier's challenge could or could not be answered; the trunk grain shows the refusal as the failure reason.</summary>
public enum DigestAnswerOutcome
{
    /// <summary>An Authorization value was produced.</summary>
    Answered,

    /// <summary>The header is not a Digest challenge, or lacks realm or nonce.</summary>
    Malformed,

    /// <summary>The carrier asks for an algorithm or qop we do not implement (e.g. auth-int, -sess).</summary>
    Unsupported,

    /// <summary>Only an HA1 is stored and it was computed for another realm (or another algorithm).</summary>
    RealmMismatch,
}
