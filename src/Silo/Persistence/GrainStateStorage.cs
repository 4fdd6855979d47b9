using System.Globalization;
using Npgsql;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Persistence;

/// <summary>
/// Grain state rows in grain_state: JSON payload plus a version that serves as ETag. Every write names the version it
/// read; a stale one matches no row and fails with <see cref="InconsistentStateException"/>, so newer data is never overwritten.
/// </summary>
public sealed class GrainStateStorage(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private readonly GrainStateWriter _writer = new(dataSource);

    /// <summary>Lets the queued writes finish, then stops the writer.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>The stored payload and version, or (null, null) when absent.</summary>
    public async Task<(string? Json, long? Version)> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select payload::text, version from grain_state where grain_type = $1 and grain_key = $2 and state_name = $3");
        AddKey(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return (null, null);
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Writes <paramref name="json"/> if the stored version is still <paramref name="expectedVersion"/> (null: no row yet); returns the new version.
    /// Writes from all grains are batched into shared statements; once queued, a write is not abandoned, because a
    /// caller that stopped waiting would no longer know the version it holds.
    /// </summary>
    public async Task<long> WriteAsync(GrainId grainId, string stateName, string json, long? expectedVersion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await _writer.WriteAsync(grainId, stateName, json, expectedVersion).ConfigureAwait(false) is { } version)
            return version;
        throw await ConflictAsync(grainId, stateName, expectedVersion, "write", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the row if its version is still <paramref name="expectedVersion"/>; with null, fails when a row appeared meanwhile.</summary>
    public async Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(expectedVersion is null
            ? "select 1 from grain_state where grain_type = $1 and grain_key = $2 and state_name = $3"
            : "delete from grain_state where grain_type = $1 and grain_key = $2 and state_name = $3 and version = $4 returning 1");
        AddKey(command, grainId, stateName);
        if (expectedVersion is { } expected)
            command.Parameters.Add(new NpgsqlParameter { Value = expected });
        var found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        if (found == (expectedVersion is null))
            throw await ConflictAsync(grainId, stateName, expectedVersion, "clear", cancellationToken).ConfigureAwait(false);
    }

    private async Task<InconsistentStateException> ConflictAsync(GrainId grainId, string stateName, long? expected, string operation, CancellationToken cancellationToken)
    {
        var (_, stored) = await ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        var storedEtag = stored?.ToString(CultureInfo.InvariantCulture);
        var expectedEtag = expected?.ToString(CultureInfo.InvariantCulture);
        return new InconsistentStateException(
            $"State '{stateName}' of grain {grainId}: {operation} with ETag {expectedEtag ?? "(none)"} rejected, storage holds ETag {storedEtag ?? "(none)"}; "
            + "another activation wrote it meanwhile and its data was kept.",
            storedEtag, expectedEtag);
    }

    private static void AddKey(NpgsqlCommand command, GrainId grainId, string stateName)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
    }
}
