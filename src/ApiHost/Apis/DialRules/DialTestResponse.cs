using System.Text.Json;
using Pbx.Grains.Trunks;

namespace Pbx.ApiHost.Apis.DialRules;

/// <summary>What a dialled number does, as calls route it; nothing is dialled.</summary>
/// <param name="Outcome">extension, outbound, not-permitted, invalid-number, no-route, trunk-unavailable or not-found.</param>
/// <param name="SipStatus">What the caller hears when the call is refused (403, 484, 404, 503); null when it goes through.</param>
/// <param name="Number">The number after the rule's strip and prepend, normalised (E.164 for outside numbers); null without a rule.</param>
/// <param name="Kind">internal, national, international; null without a rule.</param>
/// <param name="Group">The matching rule's extension group ("*" for every group); null without a rule.</param>
/// <param name="Prefix">The matching rule's prefix; null without a rule.</param>
/// <param name="Trunks">The trunks the call is offered to, in order; empty unless it goes out.</param>
/// <param name="PermissionClass">The dialling extension's class.</param>
public sealed record DialTestResponse(string Outcome, int? SipStatus, string? Number, string? Kind, string? Group, string? Prefix,
    IReadOnlyList<string> Trunks, string PermissionClass)
{
    internal static DialTestResponse From(DialTest test) => new(
        JsonNamingPolicy.KebabCaseLower.ConvertName(test.Outcome.ToString()),
        test.Outcome switch
        {
            DialTestOutcome.NotPermitted => 403,
            DialTestOutcome.InvalidNumber => 484,
            DialTestOutcome.NoRoute or DialTestOutcome.NotFound => 404,
            DialTestOutcome.TrunkUnavailable => 503,
            _ => null,
        },
        test.Route?.Number,
        test.Route is { } route ? route.Kind.ToString().ToLowerInvariant() : null,
        test.Rule?.Group,
        test.Rule?.Prefix,
        test.Outcome == DialTestOutcome.Outbound ? test.Route!.Trunks : [],
        test.Permission.ToString().ToLowerInvariant());
}
