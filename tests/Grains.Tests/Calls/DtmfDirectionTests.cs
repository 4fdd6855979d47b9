using Pbx.Grains.Calls;
using Pbx.Grains.Media;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls;

/// <summary>Which way keys sent from outside go, and which digit strings a call accepts, without a silo.</summary>
public sealed class DtmfDirectionTests
{
    private static readonly CallState Forwarded = new()
    {
        Caller = "1001", Callee = "1002", Ringing = "1003", CallerEndpoint = "ep-caller", CalleeEndpoint = "ep-callee",
    };

    [Theory]
    [InlineData("1001", "ep-callee")]
    [InlineData("1002", "ep-caller")]
    [InlineData("1003", "ep-caller")]
    [InlineData("1004", null)]
    public void Keys_go_to_the_party_that_did_not_press_them(string fromNumber, string? endpoint) =>
        Forwarded.EndpointAway(fromNumber).ShouldBe(endpoint);

    [Theory]
    [InlineData("0123456789*#ABCD", true)]
    [InlineData("abcd", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("12E", false)]
    [InlineData("1,2", false)]
    [InlineData("١", false)]
    public void Only_the_sixteen_keys_are_digits(string? digits, bool valid) => DtmfKeys.AreValid(digits).ShouldBe(valid);
}
