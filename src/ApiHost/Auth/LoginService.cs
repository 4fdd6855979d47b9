using Microsoft.Extensions.Options;
using Pbx.Data.Users;

namespace Pbx.ApiHost.Auth;

/// <summary>Checks credentials, counts failures and locks accounts that are being guessed.</summary>
internal sealed partial class LoginService(UserRepository users, IOptions<LoginOptions> options, TimeProvider clock, ILogger<LoginService> logger)
{
    public async Task<(LoginOutcome Outcome, ApiUser? User)> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByUsernameAsync(username, cancellationToken);
        if (user is null)
        {
            UserRepository.VerifyDecoy(password);
            LogUnknownUser(logger, LoggedName.Of(username));
            return (LoginOutcome.InvalidCredentials, null);
        }

        var now = clock.GetUtcNow();
        if (user.LockedUntil is { } lockedUntil && lockedUntil > now.UtcDateTime)
        {
            // As long as checking a password takes: a locked account answered in a few milliseconds, a wrong password in
            // about a hundred, so the time alone told which accounts exist and are being guessed.
            UserRepository.VerifyDecoy(password);
            LogLockedAttempt(logger, LoggedName.Of(username), lockedUntil);
            return (LoginOutcome.Locked, null);
        }

        if (!await users.VerifyPasswordAsync(user, password, cancellationToken))
        {
            var limits = options.Value;
            var locked = await users.RecordFailedLoginAsync(user.Id, limits.MaxFailedAttempts, now.AddMinutes(limits.LockoutMinutes), cancellationToken);
            if (locked is { } until)
                LogLockedOut(logger, LoggedName.Of(username), limits.MaxFailedAttempts, until);
            else
                LogWrongPassword(logger, LoggedName.Of(username));
            return (LoginOutcome.InvalidCredentials, null);
        }

        await users.RecordSuccessfulLoginAsync(user.Id, cancellationToken);
        LogSignedIn(logger, LoggedName.Of(username), user.Role);
        return (LoginOutcome.Success, user);
    }
}
