namespace Pbx.ApiHost.Auth;

/// <summary>Brute-force protection for <c>POST /api/v1/auth/login</c>, section <c>Api:Login</c> (<see cref="LoginThrottle"/>).</summary>
public sealed class LoginOptions
{
    public const string Section = "Api:Login";

    /// <summary>Login attempts allowed per client address per minute, 1 to 1000.</summary>
    public int PermitsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins of one account from one address before that pair waits <see cref="FirstBackoff"/>, 1 to 100.</summary>
    public int FailuresBeforeBackoff { get; set; } = 5;

    /// <summary>Failed sign-ins from one address across all accounts before the address waits <see cref="FirstBackoff"/>, 1 to 10,000.</summary>
    public int SourceFailuresBeforeBackoff { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxBackoff"/> (100 ms to 1 min).</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait (<see cref="FirstBackoff"/> to 1 day); a pair or address with no failure for this long after its wait
    /// ended starts afresh.
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);
}
