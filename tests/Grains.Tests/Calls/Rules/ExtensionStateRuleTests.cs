using Pbx.Grains.Calls.Rules;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

/// <summary>The parties of a call that the live extension states show: the extensions, never an outside number or an empty key.</summary>
public sealed class ExtensionStateRuleTests
{
    [Theory]
    [InlineData("1001", true, null, null, true)]
    [InlineData("1001", null, "+998901234567", null, true)] // a reactivated call that has not looked the number up again
    [InlineData("+998901234567", null, "+998901234567", null, false)] // the caller of an inbound trunk call
    [InlineData("+4930123456", null, null, "+4930123456", false)] // the number an outbound call went out to
    [InlineData("0049301234567", false, null, "+49301234567", false)] // the dialled form, looked up and found no extension
    [InlineData("", null, null, null, false)] // the callee of a call that ended before any phone rang
    [InlineData("+100", true, null, null, true)] // extension numbers may start with '+': the lookup decides, not the form
    public void Only_extensions_get_extension_states(string number, bool? knownExtension, string? outsideCaller, string? dialledOut, bool expected) =>
        ExtensionStateRule.IsExtension(number, knownExtension, outsideCaller, dialledOut).ShouldBe(expected);
}
