using System.Net;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>
/// Checks credentials and slows guessing per account and address (<see cref="LoginThrottle"/>). Every answer that is not a
/// success costs one password check, whether the user is unknown, the password wrong or the attempt backing off, so the
/// time of an answer tells nothing about which accounts exist.
/// </summary>
internal sealed partial class LoginService(UserRepository users, LoginThrottle throttle, ILogger<LoginService> logger)
{
    public async Task<LoginResult> LoginAsync(string username, string password, IPAddress? source, CancellationToken cancellationToken)
    {
        var logged = LoggedName.Of(username);
        var wait = throttle.WaitFor(username, source);
        if (wait > TimeSpan.Zero)
        {
            UserRepository.VerifyDecoy(password);
            LogBackingOff(logger, logged, source, wait);
            return new LoginResult(LoginOutcome.BackingOff, RetryAfter: wait);
        }

        var user = await users.FindByUsernameAsync(username, cancellationToken);
        if (user is null)
        {
            UserRepository.VerifyDecoy(password);
            throttle.Failed(username, source);
            LogUnknownUser(logger, logged, source);
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }

        if (!await users.VerifyPasswordAsync(user, password, cancellationToken))
        {
            throttle.Failed(username, source);
            LogWrongPassword(logger, logged, source);
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }

        throttle.Succeeded(username, source);
        LogSignedIn(logger, logged, user.Role);
        return new LoginResult(LoginOutcome.Success, user);
    }
}
