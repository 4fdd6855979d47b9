using Pbx.ApiHost.Auth;
using Pbx.Data.Users;
using Shouldly;
using Xunit;

namespace Pbx.ApiHost.Tests;

/// <summary>Each row: the token's session version and role against the user's row now.</summary>
public sealed class SessionRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    private static ApiUser User(int version = 3, string role = Roles.Operator, DateTime? lockedUntil = null) =>
        new() { Id = 7, Username = "u", Role = role, SessionVersion = version, LockedUntil = lockedUntil };

    [Fact]
    public void A_token_of_the_current_session_and_role_stands() => SessionRule.Ended(3, Roles.Operator, User(), Now).ShouldBeNull();

    [Fact]
    public void A_lock_that_ran_out_no_longer_ends_anything() =>
        SessionRule.Ended(3, Roles.Operator, User(lockedUntil: Now.AddMinutes(-1)), Now).ShouldBeNull();

    [Theory]
    [InlineData(2, Roles.Operator, "signed out")]
    [InlineData(null, Roles.Operator, "signed out")]
    [InlineData(3, Roles.Admin, "role")]
    public void An_older_session_or_another_role_has_ended(int? version, string role, string reason) =>
        SessionRule.Ended(version, role, User(), Now).ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void A_deleted_or_locked_user_has_no_session()
    {
        SessionRule.Ended(3, Roles.Operator, null, Now).ShouldNotBeNull();
        SessionRule.Ended(3, Roles.Operator, User(lockedUntil: Now.AddMinutes(5)), Now).ShouldNotBeNull().ShouldContain("locked");
    }
}
