using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Auth;

/// <summary>Checks the <c>Api:Login</c> ranges at start-up.</summary>
internal sealed class LoginOptionsValidator : IValidateOptions<LoginOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginOptions options)
    {
        var failures = new List<string>();
        if (options.PermitsPerMinute is < 1 or > 1000)
            failures.Add($"{LoginOptions.Section}:PermitsPerMinute must be between 1 and 1000 (was {options.PermitsPerMinute}).");
        if (options.FailuresBeforeBackoff is < 1 or > 100)
            failures.Add($"{LoginOptions.Section}:FailuresBeforeBackoff must be between 1 and 100 (was {options.FailuresBeforeBackoff}).");
        if (options.SourceFailuresBeforeBackoff is < 1 or > 10_000)
            failures.Add($"{LoginOptions.Section}:SourceFailuresBeforeBackoff must be between 1 and 10000 (was {options.SourceFailuresBeforeBackoff}).");
        if (options.FirstBackoff < TimeSpan.FromMilliseconds(100) || options.FirstBackoff > TimeSpan.FromMinutes(1))
            failures.Add($"{LoginOptions.Section}:FirstBackoff must be between 00:00:00.1 and 00:01:00 (was {options.FirstBackoff}).");
        if (options.MaxBackoff < options.FirstBackoff || options.MaxBackoff > TimeSpan.FromDays(1))
            failures.Add($"{LoginOptions.Section}:MaxBackoff must be between FirstBackoff ({options.FirstBackoff}) and 1.00:00:00 (was {options.MaxBackoff}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
