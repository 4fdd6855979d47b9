using Microsoft.Extensions.Options;

namespace Pbx.EdgeSip.Trunks;

/// <summary>Fails start-up with the invalid <see cref="TrunkRegistrationOptions"/> keys named.</summary>
internal sealed class TrunkRegistrationOptionsValidator : IValidateOptions<TrunkRegistrationOptions>
{
    public ValidateOptionsResult Validate(string? name, TrunkRegistrationOptions options)
        => options.Validate() is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
}
