using Pbx.EdgeSip.Calls.Reliable;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls.Reliable;

/// <summary>The RAck header of RFC 3262 section 7.2.</summary>
public sealed class SipRAckTests
{
    [Fact]
    public void RAck_reads_response_number_cseq_number_and_method()
    {
        SipRAck.TryParse(" 776656  1 INVITE", out var rack).ShouldBeTrue();

        rack.ShouldBe(new SipRAck(776656, 1, "INVITE"));
        rack.ToString().ShouldBe("776656 1 INVITE");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("776656 INVITE")]
    [InlineData("776656 1 INVITE extra")]
    [InlineData("-1 1 INVITE")]
    [InlineData("4294967296 1 INVITE")]
    [InlineData("1 x INVITE")]
    public void Malformed_RAck_is_not_read(string? value) => SipRAck.TryParse(value, out _).ShouldBeFalse();
}
