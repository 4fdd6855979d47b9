using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

public sealed class DialPlanTests
{
    private static readonly NumberPlan Finland = new("358", "0", "00", NationalNumberLength: 9, InternalMaxLength: 4);

    private static readonly DialPlan Plan = new(
    [
        // Outside line: "9" then the number as on a phone bill.
        new DialRule(DialPlan.AnyGroup, "9", 1, "", ["carrier-a", "carrier-b"]),
        new DialRule(DialPlan.AnyGroup, "+", 0, "", ["carrier-a", "carrier-b"]),
        // Sales abroad uses the cheaper carrier first for international calls.
        new DialRule("sales", "900", 1, "", ["carrier-b", "carrier-a"]),
        // Emergency without an outside line, to the carrier as dialled.
        new DialRule(DialPlan.AnyGroup, "112", 0, "", ["carrier-a"]),
    ], Finland);

    [Theory]
    [InlineData("90046701234567", "sales", "sales", "900")]
    [InlineData("90046701234567", "office", DialPlan.AnyGroup, "9")]
    [InlineData("1120", "office", DialPlan.AnyGroup, "112")]
    [InlineData("0401234567", "office", null, null)]
    public void Match_prefers_the_groups_own_rules_then_the_longest_prefix(string dialled, string group, string? ruleGroup, string? prefix)
    {
        // Call control asks Match first: the matched rule's first trunk brings the number plan that normalises.
        var rules = new[]
        {
            new DialRule(DialPlan.AnyGroup, "9", 1, "", ["carrier-a"]),
            new DialRule(DialPlan.AnyGroup, "112", 0, "", ["carrier-a"]),
            new DialRule("sales", "900", 1, "", ["carrier-b"]),
        };

        var rule = DialPlan.Match(rules, dialled, group);

        (rule?.Group, rule?.Prefix).ShouldBe((ruleGroup, prefix));
    }

    [Theory]
    [InlineData("90401234567", "office", PermissionClass.National, RouteOutcome.Routed, "+358401234567", "carrier-a,carrier-b")]
    [InlineData("9401234567", "office", PermissionClass.National, RouteOutcome.Routed, "+358401234567", "carrier-a,carrier-b")]
    [InlineData("+358401234567", "office", PermissionClass.National, RouteOutcome.Routed, "+358401234567", "carrier-a,carrier-b")]
    [InlineData("90046701234567", "office", PermissionClass.International, RouteOutcome.Routed, "+46701234567", "carrier-a,carrier-b")]
    [InlineData("90046701234567", "sales", PermissionClass.International, RouteOutcome.Routed, "+46701234567", "carrier-b,carrier-a")]
    [InlineData("90401234567", "sales", PermissionClass.National, RouteOutcome.Routed, "+358401234567", "carrier-a,carrier-b")]
    [InlineData("90046701234567", "office", PermissionClass.National, RouteOutcome.NotPermitted, "+46701234567", "")]
    [InlineData("+46701234567", "office", PermissionClass.National, RouteOutcome.NotPermitted, "+46701234567", "")]
    [InlineData("90401234567", "lobby", PermissionClass.Internal, RouteOutcome.NotPermitted, "+358401234567", "")]
    [InlineData("112", "lobby", PermissionClass.Internal, RouteOutcome.Routed, "112", "carrier-a")]
    [InlineData("91234567", "office", PermissionClass.International, RouteOutcome.InvalidNumber, "1234567", "")]
    [InlineData("0401234567", "office", PermissionClass.International, RouteOutcome.NoRoute, "0401234567", "")]
    public void Dialled_numbers_route_by_group_prefix_and_permission(string dialled, string group, PermissionClass permission,
        RouteOutcome outcome, string number, string trunks)
    {
        var route = Plan.Route(dialled, group, permission);

        route.Outcome.ShouldBe(outcome);
        if (outcome != RouteOutcome.InvalidNumber)
            route.Number.ShouldBe(number);
        string.Join(',', route.Trunks).ShouldBe(trunks);
    }

    [Theory]
    [InlineData(PermissionClass.Internal, NumberKind.Internal, true)]
    [InlineData(PermissionClass.Internal, NumberKind.National, false)]
    [InlineData(PermissionClass.Internal, NumberKind.International, false)]
    [InlineData(PermissionClass.National, NumberKind.National, true)]
    [InlineData(PermissionClass.National, NumberKind.International, false)]
    [InlineData(PermissionClass.International, NumberKind.International, true)]
    [InlineData(PermissionClass.International, NumberKind.Invalid, false)]
    public void Permission_classes_reach_only_their_kinds_of_number(PermissionClass permission, NumberKind kind, bool allowed) =>
        CallPermissions.Allows(permission, kind).ShouldBe(allowed);
}
