using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// Whether a bearer token's session still stands, from the token's session version and role and the user's row now: a
/// deleted, demoted or re-passworded user, or one who signed out, loses every token issued before, at once. Failed sign-ins
/// do not end sessions: anyone can type wrong passwords for the admin, and that must not sign the admin out anywhere (they
/// only slow further sign-ins from the guesser's address, <see cref="LoginThrottle"/>).
/// </summary>
public static class SessionRule
{
    /// <summary>Why the session has ended, or null while it stands.</summary>
    public static string? Ended(int? tokenVersion, string? tokenRole, ApiUser? user) => user switch
    {
        null => "the user no longer exists",
        _ when tokenVersion != user.SessionVersion => "the user signed out, or their password, role or extension changed",
        _ when tokenRole != user.Role => "the user's role changed",
        _ => null,
    };
}
