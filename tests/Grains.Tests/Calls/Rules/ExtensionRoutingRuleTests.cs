using Pbx.Grains.Calls;
using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: an extension's call settings, and where a call to it goes next.</summary>
public sealed class ExtensionRoutingRuleTests
{
    public static TheoryData<string, ExtensionCallSettings, RoutingHop, bool> Rows => new()
    {
        { "no settings: it rings", new ExtensionCallSettings(), new("", "201"), true },
        { "forward always", new ExtensionCallSettings { ForwardAlways = "202" }, new("forward-always", "202"), false },
        { "forward always wins over do-not-disturb", new ExtensionCallSettings { ForwardAlways = "202", Dnd = true, ForwardBusy = "203" }, new("forward-always", "202"), false },
        { "do-not-disturb with a busy forward", new ExtensionCallSettings { Dnd = true, ForwardBusy = "203" }, new("forward-busy", "203"), false },
        { "do-not-disturb alone is busy", new ExtensionCallSettings { Dnd = true }, new("dnd", ""), true },
        { "a busy forward alone does not move a call that is not busy", new ExtensionCallSettings { ForwardBusy = "203" }, new("", "201"), true },
        { "a no-answer forward waits for the ringing to end", new ExtensionCallSettings { ForwardNoAnswer = "204" }, new("", "201"), true },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_call_to_an_extension_rings_it_or_follows_its_forward(string situation, ExtensionCallSettings settings, RoutingHop expected, bool final)
    {
        var hop = ExtensionRoutingRule.Hop("201", settings);

        hop.ShouldBe(expected, situation);
        hop.IsFinal.ShouldBe(final, situation);
    }
}
