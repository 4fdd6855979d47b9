using Pbx.ApiHost.Auth;
using Pbx.Data.Users;
using Shouldly;
using Xunit;

namespace Pbx.ApiHost.Tests;

/// <summary>Each row: the token's session version and role against the user's row now.</summary>
public sealed class SessionRuleTests
{
    private static ApiUser User(int version = 3, string role = Roles.Operator) =>
        new() { Id = 7, Username = "u", Role = role, SessionVersion = version };

    [Fact]
    public void A_token_of_the_current_session_and_role_stands() => SessionRule.Ended(3, Roles.Operator, User()).ShouldBeNull();

    [Theory]
    [InlineData(2, Roles.Operator, "signed out")]
    [InlineData(null, Roles.Operator, "signed out")]
    [InlineData(3, Roles.Admin, "role")]
    public void An_older_session_or_another_role_has_ended(int? version, string role, string reason) =>
        SessionRule.Ended(version, role, User()).ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void A_deleted_user_has_no_session() => SessionRule.Ended(3, Roles.Operator, null).ShouldNotBeNull();
}
