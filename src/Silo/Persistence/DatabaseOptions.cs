namespace Pbx.Silo.Persistence;

/// <summary>Where PostgreSQL is; bound from section <c>Database</c> (environment: Database__ConnectionString).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Database";

    /// <summary>Npgsql connection string, e.g. Host=127.0.0.1;Port=5433;Username=pbx;Database=pbx.</summary>
    public string ConnectionString { get; set; } = "";
}
