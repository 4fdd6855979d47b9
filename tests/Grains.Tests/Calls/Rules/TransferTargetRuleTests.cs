using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: what the dial plan found for a blind transfer's target, and what the transferor is told.</summary>
public sealed class TransferTargetRuleTests
{
    [Theory]
    [InlineData("a registered extension rings", "203", true, null)]
    [InlineData("an extension forwarded elsewhere rings the forward", "204", true, null)]
    [InlineData("a transfer to a busy (do-not-disturb) extension", "", false, 486)]
    [InlineData("a transfer to an extension with no phone registered", "203", false, 480)]
    [InlineData("a transfer into a forwarding loop", null, false, 404)]
    public void A_transfer_target_rings_or_the_transferor_hears_why_not(string situation, string? routed, bool reachable, int? refusal) =>
        (TransferTargetRule.Refusal(new TransferTarget(routed, reachable))?.Status).ShouldBe(refusal, situation);
}
