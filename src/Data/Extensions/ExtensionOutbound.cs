using Pbx.Grains.Trunks;

namespace Pbx.Data.Extensions;

/// <summary>An extension's outbound identity and reach, from its row in <c>extensions</c>.</summary>
/// <param name="Group">Extension group the dial rules are chosen by.</param>
/// <param name="Permission">What it may dial (the toll-fraud guard).</param>
/// <param name="OutboundCallerId">Number presented to carriers; null falls back to the trunk's default.</param>
/// <param name="Limits">How many calls and minutes it may spend through trunks.</param>
public sealed record ExtensionOutbound(string Group, PermissionClass Permission, string? OutboundCallerId, OutboundLimits Limits)
{
    /// <summary>An extension with no row: the narrowest class, so a missing row never opens the trunks.</summary>
    public static ExtensionOutbound Unknown { get; } = new("default", PermissionClass.Internal, null, OutboundLimits.Default);
}
