namespace Pbx.ApiHost.Auth;

internal sealed partial class LoginService
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "User {Username} signed in as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string username, string role);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Wrong password for user {Username}")]
    private static partial void LogWrongPassword(ILogger logger, string username);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "User {Username} locked after {Attempts} wrong passwords, until {LockedUntil:o}")]
    private static partial void LogLockedOut(ILogger logger, string username, int attempts, DateTime lockedUntil);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Sign-in attempt for locked user {Username} (locked until {LockedUntil:o})")]
    private static partial void LogLockedAttempt(ILogger logger, string username, DateTime lockedUntil);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Sign-in attempt for unknown user {Username}")]
    private static partial void LogUnknownUser(ILogger logger, string username);
}
