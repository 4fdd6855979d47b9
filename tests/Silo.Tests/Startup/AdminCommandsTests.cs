using Pbx.Silo.Startup;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests.Startup;

/// <summary>The shell commands' options, parsed as the pbx binary parses them.</summary>
public sealed class AdminCommandsTests
{
    [Theory]
    [InlineData("--display-name")]
    [InlineData("--name")]
    public void Extension_add_takes_the_display_name_under_the_APIs_field_name_and_the_older_one(string option)
    {
        var result = PbxCommandLine.Build().Parse(["extension", "add", "1004", option, "Front desk"]);

        result.Errors.ShouldBeEmpty();
        result.GetValue<string?>("--display-name").ShouldBe("Front desk");
    }
}
