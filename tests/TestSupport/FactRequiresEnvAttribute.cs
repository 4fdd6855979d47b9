using Xunit;

namespace Pbx.TestSupport;

/// <summary>A fact that is reported as skipped, with the reason, when an environment variable it needs is unset.</summary>
public sealed class FactRequiresEnvAttribute : FactAttribute
{
    public FactRequiresEnvAttribute(string variable)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            Skip = $"{variable} is not set (.ci/run sets it to the shared test data folder).";
    }
}

/// <summary>A theory that is reported as skipped, with the reason, when an environment variable it needs is unset.</summary>
public sealed class TheoryRequiresEnvAttribute : TheoryAttribute
{
    public TheoryRequiresEnvAttribute(string variable)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            Skip = $"{variable} is not set (.ci/run sets it to the shared test data folder).";
    }
}
