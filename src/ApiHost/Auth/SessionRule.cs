using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// Whether a bearer token's session still stands, from the token's session version and role and the user's row now: a
/// deleted, locked, demoted or re-passworded user, or one who signed out, loses every token issued before, at once.
/// </summary>
public static class SessionRule
{
    /// <summary>Why the session has ended, or null while it stands.</summary>
    public static string? Ended(int? tokenVersion, string? tokenRole, ApiUser? user, DateTime now) => user switch
    {
        null => "the user no longer exists",
        { LockedUntil: { } until } when until > now => "the user is locked",
        _ when tokenVersion != user.SessionVersion => "the user signed out, or their password, role or extension changed",
        _ when tokenRole != user.Role => "the user's role changed",
        _ => null,
    };
}
