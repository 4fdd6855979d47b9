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
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select to_regclass('half_done') is null", connection);
        ((bool)(await command.ExecuteScalarAsync())!).ShouldBeTrue("the failed script's table must be rolled back");
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

    [Fact]
    public async Task Out_of_range_runtime_option_stops_start_up_naming_the_key()
    {
        using var host = TestSilo.Build(PostgresServer.Shared.ConnectionString("pbx"), new Dictionary<string, string?>
        {
            ["Runtime:CallTimeout"] = "00:00:00",
        });

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        ex.Message.ShouldContain("Runtime:CallTimeout");
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
