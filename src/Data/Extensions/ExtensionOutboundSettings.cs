using Pbx.Grains.Trunks;

namespace Pbx.Data.Extensions;

/// <summary>An extension's outbound calling: what it may dial through trunks and the number carriers present.</summary>
/// <param name="Group">Extension group the dial rules are chosen by (1-32 of letters, digits, '_', '-').</param>
/// <param name="PermissionClass">internal, national or international: the toll-fraud guard.</param>
/// <param name="OutboundCallerId">Number presented to carriers (E.164 or national); null for the trunk's default.</param>
/// <param name="MaxOutboundCalls">Outbound calls at once; 0 for no limit. Left out of a request: the default, 4.</param>
/// <param name="OutboundCallsPerHour">Outbound calls started in any 60 minutes; 0 for no limit. Default 60.</param>
/// <param name="OutboundMinutesPerDay">Outbound talk minutes per day of the organisation (<c>Console:TimeZone</c>); 0 for no limit. Default 600.</param>
public sealed record ExtensionOutboundSettings(string? Group, string? PermissionClass, string? OutboundCallerId,
    int MaxOutboundCalls = OutboundLimits.DefaultConcurrent, int OutboundCallsPerHour = OutboundLimits.DefaultPerHour,
    int OutboundMinutesPerDay = OutboundLimits.DefaultMinutesPerDay);
