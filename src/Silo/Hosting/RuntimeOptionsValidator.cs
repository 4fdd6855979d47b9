using Microsoft.Extensions.Options;

namespace Pbx.Silo.Hosting;

/// <summary>Rejects out-of-range runtime settings at start-up, naming the key and the allowed range.</summary>
internal sealed class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(10);

    public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
    {
        List<string> failures = [];
        Check(failures, nameof(RuntimeOptions.CollectionAge), options.CollectionAge, TimeSpan.FromDays(7));
        Check(failures, nameof(RuntimeOptions.CollectionInterval), options.CollectionInterval, TimeSpan.FromHours(1));
        Check(failures, nameof(RuntimeOptions.CallTimeout), options.CallTimeout, TimeSpan.FromHours(1));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, TimeSpan max)
    {
        if (value < Floor || value > max)
            failures.Add($"{RuntimeOptions.SectionName}:{key} must be between {Floor} and {max} (was {value}).");
    }
}
