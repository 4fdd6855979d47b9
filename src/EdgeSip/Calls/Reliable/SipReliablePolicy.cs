using Pbx.EdgeSip.Parsing;

namespace Pbx.EdgeSip.Calls.Reliable;

/// <summary>Which provisional responses to a caller's INVITE the PBX sends reliably (RFC 3262 section 3).</summary>
internal static class SipReliablePolicy
{
    /// <summary>
    /// A caller that requires 100rel gets every provisional response but 100 reliably; one that only supports it gets those
    /// carrying SDP (early media) reliably, so its answer is certain before the 2xx; any other caller gets none.
    /// </summary>
    public static bool SendReliably(int status, bool hasSdp, bool callerSupports, bool callerRequires) =>
        status is > 100 and < 200 && (callerRequires || (callerSupports && hasSdp));

    /// <summary><see cref="SendReliably(int, bool, bool, bool)"/> for the caller's INVITE as received.</summary>
    public static bool SendReliably(int status, bool hasSdp, SipRequest invite) =>
        status is > 100 and < 200 && SendReliably(status, hasSdp,
            callerSupports: hasSdp && SipOptionTags.Lists(invite, SipHeaderId.Supported, SipOptionTags.Reliable),
            callerRequires: SipOptionTags.Lists(invite, SipHeaderId.Require, SipOptionTags.Reliable));
}
