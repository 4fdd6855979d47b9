using Microsoft.Extensions.Options;

namespace Pbx.ApiHost.Security;

/// <summary>Refuses origins a browser would never send, so a typo fails at start-up instead of silently blocking the front end.</summary>
internal sealed class ApiCorsOptionsValidator : IValidateOptions<ApiCorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiCorsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Origins.Length; i++)
        {
            // RFC 6454 section 6.2: an origin serialises as scheme "://" host [":" port], never with a path or a wildcard.
            var origin = options.Origins[i];
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/') || origin.Contains('*', StringComparison.Ordinal))
                failures.Add($"{ApiCorsOptions.Section}:Origins:{i} must be an http(s) origin without a path (was '{origin}').");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
