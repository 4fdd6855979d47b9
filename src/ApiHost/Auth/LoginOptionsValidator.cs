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
        if (options.MaxFailedAttempts is < 1 or > 100)
            failures.Add($"{LoginOptions.Section}:MaxFailedAttempts must be between 1 and 100 (was {options.MaxFailedAttempts}).");
        if (options.LockoutMinutes is < 1 or > 1440)
            failures.Add($"{LoginOptions.Section}:LockoutMinutes must be between 1 and 1440 (was {options.LockoutMinutes}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
