using Microsoft.Extensions.Options;

namespace Pbx.Grains.Cdrs;

/// <summary>Fails start-up on an invalid <see cref="CdrOptions"/>, naming each bad key and its allowed range.</summary>
internal sealed class CdrOptionsValidator : IValidateOptions<CdrOptions>
{
    public ValidateOptionsResult Validate(string? name, CdrOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
