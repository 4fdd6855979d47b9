namespace Pbx.Silo.Persistence;

/// <summary>
/// PostgreSQL could not be reached or refused the connection at start-up. The message is one line naming the
/// host, port and what to do, so Program.cs prints it and exits(1) instead of dumping a stack.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    /// <summary>Builds the one-line message from the target and the driver's reason.</summary>
    public DatabaseUnavailableException(string host, int port, string database, string reason, Exception innerException)
        : base($"PostgreSQL at {host}:{port} (database '{database}') is not reachable: {OneLine(reason)}. "
            + "Start it with deploy/pg.sh start, or set Database__ConnectionString (config key Database:ConnectionString).", innerException)
    {
        Host = host;
        Port = port;
    }

    /// <summary>Host from the connection string.</summary>
    public string Host { get; }

    /// <summary>Port from the connection string.</summary>
    public int Port { get; }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").TrimEnd('.', ' ');
}
