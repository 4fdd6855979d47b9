namespace Pbx.TestSupport;

/// <summary>Class fixture: a fresh, empty database on the process's throwaway cluster.</summary>
public sealed class PostgresDatabase
{
    /// <summary>Connection string of this fixture's database.</summary>
    public string ConnectionString { get; } = PostgresServer.Shared.CreateDatabase();
}
