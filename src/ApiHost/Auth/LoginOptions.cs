namespace Pbx.ApiHost.Auth;

/// <summary>Brute-force protection for <c>POST /api/v1/auth/login</c>, section <c>Api:Login</c>.</summary>
public sealed class LoginOptions
{
    public const string Section = "Api:Login";

    /// <summary>Login attempts allowed per client address per minute, 1 to 1000.</summary>
    public int PermitsPerMinute { get; set; } = 10;

    /// <summary>Consecutive wrong passwords that lock the account, 1 to 100.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked, 1 to 1440 minutes.</summary>
    public int LockoutMinutes { get; set; } = 15;
}
