namespace Pbx.Grains.Calls.Rules;

/// <summary>One hop of the dial plan for an extension: how the call leaves it (<see cref="Kind"/>) and where to (<see cref="Next"/>).</summary>
/// <param name="Kind">"forward-always", "forward-busy" (do-not-disturb with a busy forward), "dnd", or "" to ring the extension itself.</param>
/// <param name="Next">The number to go on with: the extension itself, a forward target, or "" for busy (do-not-disturb).</param>
public readonly record struct RoutingHop(string Kind, string Next)
{
    /// <summary>The call stops here: it rings <see cref="Next"/>, or is busy when that is empty.</summary>
    public bool IsFinal => Kind.Length == 0 || Next.Length == 0;
}

/// <summary>
/// The dial plan's rule per extension, as desk-phone users expect it: forward-always wins over everything; do-not-disturb
/// sends callers to the busy forward when there is one and is busy otherwise; else the extension rings.
/// </summary>
public static class ExtensionRoutingRule
{
    public static RoutingHop Hop(string number, ExtensionCallSettings settings) => settings switch
    {
        { ForwardAlways: { Length: > 0 } always } => new("forward-always", always),
        { Dnd: true, ForwardBusy: { Length: > 0 } busy } => new("forward-busy", busy),
        { Dnd: true } => new("dnd", ""),
        _ => new("", number),
    };
}
