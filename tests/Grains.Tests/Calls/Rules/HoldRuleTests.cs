using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>Each row: the audio attributes of a re-INVITE's offer as phones send them, and whether the other party is now held.</summary>
public sealed class HoldRuleTests
{
    [Theory]
    [InlineData("a=sendrecv", false)]
    [InlineData("", false)]
    [InlineData("a=sendonly", true)]
    [InlineData("a=inactive", true)]
    [InlineData("a=recvonly", true)]
    public void An_offer_that_stops_listening_holds_the_other_party(string direction, bool holds) =>
        HoldRule.Holds($"v=0\r\nm=audio 4000 RTP/AVP 0\r\n{direction}\r\n").ShouldBe(holds);
}
