namespace Pbx.ApiHost.Auth;

/// <summary>What a login attempt came to.</summary>
internal enum LoginOutcome
{
    Success,
    InvalidCredentials,
    Locked,
}
