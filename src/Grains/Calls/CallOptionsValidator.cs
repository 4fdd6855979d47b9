using Microsoft.Extensions.Options;

namespace Pbx.Grains.Calls;

/// <summary>Fails start-up on an invalid <see cref="CallOptions"/>, naming each bad key and its allowed range.</summary>
internal sealed class CallOptionsValidator : IValidateOptions<CallOptions>
{
    public ValidateOptionsResult Validate(string? name, CallOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
