namespace Pbx.Data.Extensions;

/// <summary>An extension's outbound calling: what it may dial through trunks and the number carriers present.</summary>
/// <param name="Group">Extension group the dial rules are chosen by (1-32 of letters, digits, '_', '-').</param>
/// <param name="PermissionClass">internal, national or international: the toll-fraud guard.</param>
/// <param name="OutboundCallerId">Number presented to carriers (E.164 or national); null for the trunk's default.</param>
public sealed record ExtensionOutboundSettings(string? Group, string? PermissionClass, string? OutboundCallerId);
