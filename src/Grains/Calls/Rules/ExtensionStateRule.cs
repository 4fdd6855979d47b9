namespace Pbx.Grains.Calls.Rules;

/// <summary>
/// Which parties of a call get an <c>extension</c> live event (ringing, in-call, idle, dnd): extensions only. A call also
/// names outside parties (a trunk caller <c>+998901234567</c>, a number dialled out <c>0049...</c>) and, before any phone
/// rang, an empty callee; the wallboard and the extensions page would show those as extensions.
/// </summary>
public static class ExtensionStateRule
{
    /// <param name="number">The party's number.</param>
    /// <param name="knownExtension">What this call's lookup of the number found: true an extension, false none, null not looked up
    /// (a call reactivated after idle collection has forgotten its lookups).</param>
    /// <param name="outsideCaller">The caller when it came in from a trunk, else null.</param>
    /// <param name="dialledOut">The outside number the call went out to through a trunk, else null.</param>
    public static bool IsExtension(string? number, bool? knownExtension, string? outsideCaller, string? dialledOut) =>
        !string.IsNullOrEmpty(number) && knownExtension != false && number != outsideCaller && number != dialledOut;
}
