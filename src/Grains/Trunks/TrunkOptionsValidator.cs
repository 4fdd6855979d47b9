using Microsoft.Extensions.Options;

namespace Pbx.Grains.Trunks;

/// <summary>Fails start-up with every bad <see cref="TrunkOptions"/> key named.</summary>
internal sealed class TrunkOptionsValidator : IValidateOptions<TrunkOptions>
{
    public ValidateOptionsResult Validate(string? name, TrunkOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
