using Npgsql;
using Pbx.Data.Health;
using Pbx.Data.Users;

namespace Pbx.Data.Tests;

/// <summary>A user's console language, kept in <c>users.language</c>, and the database probe the system status reads.</summary>
public sealed class UserPreferencesTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_users_language_is_stored_and_read_back_with_the_user()
    {
        var users = new UserRepository(database.DataSource);
        var user = (await users.CreateAsync("lang-uz", "a long enough password", "viewer"))!;
        user.Language.ShouldBeNull("nothing chosen yet");

        await users.SetLanguageAsync(user.Id, "uz");

        (await users.GetAsync(user.Id))!.Language.ShouldBe("uz");
        (await users.SetLanguageAsync(987654321, "ru")).ShouldBeNull("no such user");
    }

    [Fact]
    public async Task A_language_the_console_does_not_have_fails_the_tables_check()
    {
        var users = new UserRepository(database.DataSource);
        var user = (await users.CreateAsync("lang-de", "a long enough password", "viewer"))!;

        var refused = await Should.ThrowAsync<RowConflictException>(() => users.SetLanguageAsync(user.Id, "de"));

        refused.Conflict.ShouldBe(RowConflict.CheckFailed);
    }

    [Fact]
    public async Task The_probe_times_a_round_trip_and_reports_an_unreachable_server_without_throwing()
    {
        var reachable = await new DatabaseProbe(database.DataSource).PingAsync(CancellationToken.None);
        await using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none;Timeout=2");
        var unreachable = await new DatabaseProbe(nowhere).PingAsync(CancellationToken.None);

        reachable.Reachable.ShouldBeTrue();
        reachable.Latency.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
        (unreachable.Reachable, unreachable.Latency).ShouldBe((false, null));
        unreachable.Failure.ShouldNotBeNull();
    }
}
