using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>A login attempt's outcome, the user when it succeeded, and how long to wait when <see cref="LoginOutcome.BackingOff"/>.</summary>
internal sealed record LoginResult(LoginOutcome Outcome, ApiUser? User = null, TimeSpan RetryAfter = default);
