namespace Pbx.Grains.Trunks;

/// <summary>
/// The outbound dial plan: rules per extension group, longest prefix first, a group's own rules before the "*" rules.
/// Pure; the trunk router loads the rules and calls <see cref="Route"/> for each outside call.
/// </summary>
public sealed class DialPlan(IReadOnlyList<DialRule> rules, NumberPlan plan)
{
    /// <summary>The group that matches every extension group.</summary>
    public const string AnyGroup = "*";

    private readonly DialRule[] _rules = Order(rules);

    /// <summary>
    /// The rule that serves <paramref name="dialled"/> from an extension of <paramref name="group"/>, or null. Call control
    /// asks first, because the number plan that normalises the number is the one of the rule's first trunk.
    /// </summary>
    public static DialRule? Match(IReadOnlyList<DialRule> rules, string dialled, string group)
    {
        foreach (var rule in Order(rules))
        {
            if ((rule.Group == AnyGroup || rule.Group == group) && dialled.StartsWith(rule.Prefix, StringComparison.Ordinal))
                return rule;
        }
        return null;
    }

    /// <summary>Routes <paramref name="dialled"/> from an extension of <paramref name="group"/> with <paramref name="permission"/>.</summary>
    public OutboundRoute Route(string dialled, string group, PermissionClass permission)
    {
        if (Match(_rules, dialled, group) is not { } rule)
            return new OutboundRoute(RouteOutcome.NoRoute, dialled, NumberKind.Invalid, []);
        var rewritten = rule.Prepend + dialled[Math.Min(rule.Strip, dialled.Length)..];
        var number = NumberNormaliser.Normalise(rewritten, plan);
        if (number.Kind == NumberKind.Invalid)
            return new OutboundRoute(RouteOutcome.InvalidNumber, rewritten, number.Kind, []);
        if (!CallPermissions.Allows(permission, number.Kind))
            return new OutboundRoute(RouteOutcome.NotPermitted, number.Number, number.Kind, []);
        return new OutboundRoute(RouteOutcome.Routed, number.Number, number.Kind, rule.Trunks);
    }

    private static DialRule[] Order(IEnumerable<DialRule> rules) => [.. rules
        .OrderBy(r => r.Group == AnyGroup ? 1 : 0)
        .ThenByDescending(r => r.Prefix.Length)];
}
