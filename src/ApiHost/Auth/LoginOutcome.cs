namespace Pbx.ApiHost.Auth;

/// <summary>What a login attempt came to.</summary>
internal enum LoginOutcome
{
    Success,

    /// <summary>A wrong password or an unknown user name: the two are answered alike.</summary>
    InvalidCredentials,

    /// <summary>The account from this address, or this address, is waiting after failures (<see cref="LoginThrottle"/>); nothing was checked.</summary>
    BackingOff,
}
