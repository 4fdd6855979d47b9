namespace Pbx.Grains.Trunks;

/// <summary>
/// The outbound dial plan: rules per extension group, longest prefix first, a group's own rules before the "*" rules.
/// Pure; the trunk router loads the rules and calls <see cref="Route"/> for each outside call.
/// </summary>
public sealed class DialPlan(IReadOnlyList<DialRule> rules, NumberPlan plan)
{
    /// <summary>The group that matches every extension group.</summary>
    public const string AnyGroup = "*";

    private readonly DialRule[] _rules = [.. rules
        .OrderBy(r => r.Group == AnyGroup ? 1 : 0)
        .ThenByDescending(r => r.Prefix.Length)];

    /// <summary>Routes <paramref name="dialled"/> from an extension of <paramref name="group"/> with <paramref name="permission"/>.</summary>
    public OutboundRoute Route(string dialled, string group, PermissionClass permission)
    {
        foreach (var rule in _rules)
        {
            if ((rule.Group != AnyGroup && rule.Group != group) || !dialled.StartsWith(rule.Prefix, StringComparison.Ordinal))
                continue;
            var rewritten = rule.Prepend + dialled[Math.Min(rule.Strip, dialled.Length)..];
            var number = NumberNormaliser.Normalise(rewritten, plan);
            if (number.Kind == NumberKind.Invalid)
                return new OutboundRoute(RouteOutcome.InvalidNumber, rewritten, number.Kind, []);
            if (!CallPermissions.Allows(permission, number.Kind))
                return new OutboundRoute(RouteOutcome.NotPermitted, number.Number, number.Kind, []);
            return new OutboundRoute(RouteOutcome.Routed, number.Number, number.Kind, rule.Trunks);
        }
        return new OutboundRoute(RouteOutcome.NoRoute, dialled, NumberKind.Invalid, []);
    }
}
