using Pbx.EdgeSip.Auth;
using Pbx.EdgeSip.Registrar;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Auth;

public sealed class DigestOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        new DigestOptions().Validate().ShouldBeEmpty();
        new SipRegistrarOptions().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Bad_settings_name_their_key_and_range()
    {
        var errors = new DigestOptions { NonceLifetime = TimeSpan.FromSeconds(1), NonceCountCapacity = 1000 }.Validate();
        errors.ShouldContain(e => e.StartsWith("Sip:Auth:NonceLifetime is 00:00:01"));
        errors.ShouldContain(e => e.StartsWith("Sip:Auth:NonceCountCapacity is 1000; it must be a power of two"));
        new SipRegistrarOptions { EdgeNodeId = "" }.Validate().ShouldHaveSingleItem().ShouldStartWith("Sip:Registrar:EdgeNodeId");
    }
}
