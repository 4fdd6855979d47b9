using System.Net;

namespace Pbx.ApiHost.Auth;

internal sealed partial class LoginService
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "User {Username} signed in as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string username, string role);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Wrong password for user {Username} from {Source}")]
    private static partial void LogWrongPassword(ILogger logger, string username, IPAddress? source);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Sign-in as {Username} from {Source} refused unchecked: backing off for {Wait} after failures")]
    private static partial void LogBackingOff(ILogger logger, string username, IPAddress? source, TimeSpan wait);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Sign-in attempt for unknown user {Username} from {Source}")]
    private static partial void LogUnknownUser(ILogger logger, string username, IPAddress? source);
}
