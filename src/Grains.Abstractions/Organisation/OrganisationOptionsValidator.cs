using Microsoft.Extensions.Options;

namespace Pbx.Grains.Organisation;

/// <summary>Refuses start-up with a time zone this machine does not know, naming the key and what to install.</summary>
internal sealed class OrganisationOptionsValidator : IValidateOptions<OrganisationOptions>
{
    public ValidateOptionsResult Validate(string? name, OrganisationOptions options) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{OrganisationOptions.Section}:TimeZone '{options.TimeZone}' is not a time zone this machine knows: "
                + "give an IANA id such as Asia/Tashkent (the tz database comes with the tzdata package).");
}
