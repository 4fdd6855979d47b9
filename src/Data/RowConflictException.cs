using Npgsql;

namespace Pbx.Data;

/// <summary>
/// A write PostgreSQL refused because it breaks one of the table's rules. Repositories throw it in place of the driver's
/// <see cref="PostgresException"/>, so their callers (the API's problem details) need no Npgsql.
/// </summary>
public sealed class RowConflictException(RowConflict conflict, string table, Exception inner)
    : Exception($"The write to {table} was refused: {conflict}.", inner)
{
    /// <summary>The rule the write broke.</summary>
    public RowConflict Conflict { get; } = conflict;

    /// <summary>Runs <paramref name="write"/>, turning a unique or check violation into a <see cref="RowConflictException"/>.</summary>
    internal static async Task<T> TranslateAsync<T>(string table, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation)
        {
            throw new RowConflictException(
                e.SqlState == PostgresErrorCodes.UniqueViolation ? RowConflict.Duplicate : RowConflict.CheckFailed, table, e);
        }
    }
}
