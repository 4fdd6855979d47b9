using Microsoft.Extensions.Options;

namespace Pbx.Grains.Extensions;

/// <summary>Fails start-up on an invalid <c>Sip:Registrar</c>, <c>Sip:Auth</c> or <c>Sip:Realm</c> setting, naming the key and the allowed range.</summary>
internal sealed class ExtensionOptionsValidator : IValidateOptions<RegistrarOptions>, IValidateOptions<LockoutOptions>, IValidateOptions<SipRealmOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistrarOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, LockoutOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, SipRealmOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IReadOnlyList<string> errors)
        => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
