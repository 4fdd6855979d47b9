using Microsoft.Extensions.Options;

namespace Pbx.Silo.Https;

/// <summary>Start-up check of <see cref="HttpsOptions"/>; each failure names the key and what is allowed.</summary>
internal sealed class HttpsOptionsValidator : IValidateOptions<HttpsOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpsOptions options)
    {
        var failures = new List<string>(options.Certificate.Problems(HttpsOptions.CertificateSection));
        if (options.HstsMaxAge < TimeSpan.Zero || options.HstsMaxAge > TimeSpan.FromDays(730))
            failures.Add($"{HttpsOptions.Section}:HstsMaxAge is {options.HstsMaxAge}; allowed: 00:00:00 (no HSTS) to 730.00:00:00 (e.g. 365.00:00:00).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
