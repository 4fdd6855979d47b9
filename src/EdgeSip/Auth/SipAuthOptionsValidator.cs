using Microsoft.Extensions.Options;
using Pbx.Grains.Extensions;

namespace Pbx.EdgeSip.Auth;

/// <summary>Fails start-up on an invalid <c>Sip:Auth</c> setting, naming the key and the allowed range.</summary>
internal sealed class SipAuthOptionsValidator : IValidateOptions<DigestOptions>, IValidateOptions<LockoutOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, LockoutOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IReadOnlyList<string> errors)
        => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
