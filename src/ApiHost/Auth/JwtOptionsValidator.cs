using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Auth;

/// <summary>Refuses to start with a signing key that would let anyone forge tokens.</summary>
internal sealed class JwtOptionsValidator(IHostEnvironment environment) : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
            failures.Add($"{JwtOptions.Section}:SigningKey is not set: set it to a random secret of at least {JwtOptions.MinimumKeyBytes} bytes (e.g. `openssl rand -base64 48`).");
        else
            CheckKey(options.SigningKey, $"{JwtOptions.Section}:SigningKey", failures);
        for (var i = 0; i < options.PreviousSigningKeys.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.PreviousSigningKeys[i]))
                CheckKey(options.PreviousSigningKeys[i], $"{JwtOptions.Section}:PreviousSigningKeys:{i}", failures);
        }

        if (options.LifetimeMinutes is < 1 or > 1440)
            failures.Add($"{JwtOptions.Section}:LifetimeMinutes must be between 1 and 1440 (was {options.LifetimeMinutes}).");
        if (string.IsNullOrWhiteSpace(options.Issuer))
            failures.Add($"{JwtOptions.Section}:Issuer must not be empty.");
        if (string.IsNullOrWhiteSpace(options.Audience))
            failures.Add($"{JwtOptions.Section}:Audience must not be empty.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A previous key is checked as the current one: it still validates tokens, so a weak or public one lets anyone forge them.
    private void CheckKey(string key, string name, List<string> failures)
    {
        if (key == JwtOptions.DevelopmentSigningKey && !environment.IsDevelopment())
            failures.Add($"{name} is the public development default, which is refused in the {environment.EnvironmentName} environment: set a random secret of at least {JwtOptions.MinimumKeyBytes} bytes.");
        else if (Encoding.UTF8.GetByteCount(key) < JwtOptions.MinimumKeyBytes)
            failures.Add($"{name} is too short: HMAC-SHA256 needs at least {JwtOptions.MinimumKeyBytes} bytes.");
    }
}
