using Microsoft.Extensions.Options;
using Pbx.EdgeSip.Registrar;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Auth;

/// <summary>Fails start-up on an invalid <c>Sip:Auth</c> or <c>Sip:Registrar</c> setting, naming the key and the allowed range.</summary>
internal sealed class SipAuthOptionsValidator : IValidateOptions<DigestOptions>, IValidateOptions<LockoutOptions>, IValidateOptions<SipRegistrarOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, LockoutOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, SipRegistrarOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IReadOnlyList<string> errors)
        => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
