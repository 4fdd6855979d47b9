using Pbx.Grains.Extensions;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Extensions;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        new RegistrarOptions().Validate().ShouldBeEmpty();
        new LockoutOptions().Validate().ShouldBeEmpty();
        new SipRealmOptions().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Bad_registrar_settings_name_their_key()
    {
        var errors = new RegistrarOptions { MinExpires = 0, MaxExpires = 100_000, WriteBehindSeconds = 0, RefreshWriteSeconds = 4000 }.Validate();
        errors.ShouldContain(e => e.StartsWith("Sip:Registrar:MinExpires is 0"));
        errors.ShouldContain(e => e.StartsWith("Sip:Registrar:WriteBehindSeconds is 0"));
        errors.ShouldContain(e => e.StartsWith("Sip:Registrar:RefreshWriteSeconds is 4000"));
        errors.ShouldContain(e => e.StartsWith("Sip:Registrar:MaxExpires is 100000"));
        new SipRealmOptions { Realm = "a\"b" }.Validate().ShouldHaveSingleItem().ShouldStartWith("Sip:Realm is 'a\"b'");
    }

    [Fact]
    public void Bad_lockout_settings_name_their_key()
    {
        var errors = new LockoutOptions { MaxFailures = 0, Window = TimeSpan.Zero, TrackedAddresses = 1000 }.Validate();
        errors.ShouldContain(e => e.StartsWith("Sip:Auth:MaxFailures is 0"));
        errors.ShouldContain(e => e.StartsWith("Sip:Auth:Window"));
        errors.ShouldContain(e => e.StartsWith("Sip:Auth:TrackedAddresses is 1000"));
    }
}
