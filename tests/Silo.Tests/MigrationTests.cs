using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Pbx.Silo.Persistence;
using Pbx.TestSupport;
using Shouldly;
using Xunit;

namespace Pbx.Silo.Tests;

public sealed class MigrationTests
{
    private static readonly int[] ShippedVersions = [.. MigrationScript.Embedded.Select(m => m.Version).Order()];

    [Fact]
    public void Orleans_schema_ships_as_migrations_0070_to_0072_and_0073_retires_the_old_reminder_table()
    {
        var orleans = MigrationScript.Embedded.Where(m => m.Version is >= 70 and <= 73).Select(m => (m.Version, m.FileName));

        orleans.ShouldBe(
        [
            (70, "0070_orleans_main.sql"),
            (71, "0071_orleans_clustering.sql"),
            (72, "0072_orleans_reminders.sql"),
            (73, "0073_grain_runtime_on_orleans.sql"),
        ]);
    }

    [Fact]
    public async Task Migrations_apply_once_and_a_second_start_applies_nothing()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();
        await using (await TestSilo.StartAsync(connectionString))
        {
        }
        using var host = TestSilo.Build(connectionString);

        (await host.Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None)).ShouldBe(0);

        (await QueryVersionsAsync(connectionString)).ShouldBe(ShippedVersions);
    }

    [Fact]
    public async Task Migrated_database_has_the_Orleans_tables_and_queries_and_no_grain_reminders_table()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();

        await RunAsync(connectionString, MigrationScript.Embedded);

        foreach (var table in new[] { "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansreminderstable", "grain_state" })
            (await ScalarAsync<bool>(connectionString, $"select to_regclass('{table}') is not null")).ShouldBeTrue($"table {table}");
        (await ScalarAsync<bool>(connectionString, "select to_regclass('grain_reminders') is null")).ShouldBeTrue("0073 drops the old runtime's reminders");
        // The ADO.NET providers read their statements from OrleansQuery: without these keys the silo cannot join or remind.
        foreach (var key in new[] { "InsertMembershipKey", "UpdateIAmAlivetimeKey", "UpsertReminderRowKey", "ReadRangeRows1Key" })
            (await ScalarAsync<long>(connectionString, $"select count(*) from orleansquery where querykey = '{key}'")).ShouldBe(1, key);
    }

    [Fact]
    public async Task Migration_0073_renames_grain_state_rows_to_the_Orleans_grain_type_and_keeps_their_payload()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();
        await RunAsync(connectionString, [.. MigrationScript.Embedded.Where(m => m.Version < 73)]);
        await ScalarAsync<int>(connectionString,
            """insert into grain_state (grain_type, grain_key, state_name, payload, version) values ('Extension', '201', 'registrar', '{"contacts": []}', 4) returning 1""");

        await RunAsync(connectionString, MigrationScript.Embedded);

        (await ScalarAsync<string>(connectionString, "select grain_type || '/' || grain_key || ' v' || version || ' ' || payload::text from grain_state"))
            .ShouldBe("""extension/201 v4 {"contacts": []}""");
    }

    [Fact]
    public async Task Broken_migration_rolls_back_and_stops_start_up_naming_its_file()
    {
        var connectionString = PostgresServer.Shared.CreateDatabase();
        var broken = MigrationScript.Create("0999_broken.sql", "create table half_done (id int); select 1 / 0;");
        using var host = TestSilo.Build(connectionString,
            services: s => s.AddSingleton(new MigrationSet([.. MigrationScript.Embedded, broken])));

        var ex = await Should.ThrowAsync<MigrationFailedException>(() => host.StartAsync());

        ex.Message.ShouldContain("0999_broken.sql");
        ex.Message.ShouldContain("division by zero");
        (await QueryVersionsAsync(connectionString)).ShouldBe(ShippedVersions);
        (await ScalarAsync<bool>(connectionString, "select to_regclass('half_done') is null")).ShouldBeTrue("the failed script's table must be rolled back");
    }

    [Fact]
    public async Task Unreachable_database_fails_start_up_with_one_line_naming_host_port_and_the_fix()
    {
        var port = FreePort.Tcp();
        using var host = TestSilo.Build($"Host=127.0.0.1;Port={port};Username=pbx;Database=pbx;Timeout=2");

        var ex = await Should.ThrowAsync<DatabaseUnavailableException>(() => host.StartAsync());

        ex.Message.ShouldContain($"127.0.0.1:{port}");
        ex.Message.ShouldContain("deploy/pg.sh start");
        ex.Message.ShouldContain("Database__ConnectionString");
        ex.Message.ShouldNotContain("\n");
    }

    [Theory]
    [InlineData("Runtime:CallTimeout", "00:00:00")]
    [InlineData("Runtime:CollectionAge", "30.00:00:00")]
    [InlineData("Runtime:CollectionInterval", "00:00:00.001")]
    public async Task Out_of_range_runtime_option_stops_start_up_naming_the_key(string key, string value)
    {
        using var host = TestSilo.Build(PostgresServer.Shared.ConnectionString("pbx"), new Dictionary<string, string?> { [key] = value });

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        ex.Message.ShouldContain(key);
    }

    [Theory]
    [InlineData("Cluster:Address", "0.0.0.0")]
    [InlineData("Cluster:SiloPort", "0")]
    [InlineData("Cluster:ClusterId", " ")]
    public async Task Unusable_cluster_option_stops_start_up_naming_the_key(string key, string value)
    {
        using var host = TestSilo.Build(PostgresServer.Shared.ConnectionString("pbx"), new Dictionary<string, string?> { [key] = value });

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        ex.Message.ShouldContain(key);
    }

    private static async Task RunAsync(string connectionString, IReadOnlyList<MigrationScript> scripts)
    {
        using var host = TestSilo.Build(connectionString, services: s => s.AddSingleton(new MigrationSet(scripts)));
        await host.Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int[]> QueryVersionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version from schema_migrations order by version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
            versions.Add(reader.GetInt32(0));
        return [.. versions];
    }
}
