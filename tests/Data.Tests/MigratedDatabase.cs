using Npgsql;
using Pbx.TestSupport;

namespace Pbx.Data.Tests;

/// <summary>Class fixture: a fresh database with the production migrations applied, and a data source on it.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ProductionSchema.ApplyAsync(_database.ConnectionString);
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
