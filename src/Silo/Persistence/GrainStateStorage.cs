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
    private readonly GrainStateReader _reader = new(dataSource);
    private readonly GrainStateWriter _writer = new(dataSource);

    /// <summary>Lets the queued writes and clears finish, then the reads (a conflict reads the stored version), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _reader.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The stored payload and version, or (null, null) when absent. Reads from all grains are batched into shared
    /// statements; a caller that stops waiting leaves the others' answers untouched.
    /// </summary>
    public Task<(string? Json, long? Version)> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _reader.ReadAsync(new StateKey(grainId.Type, grainId.Key, stateName)).WaitAsync(cancellationToken);
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

    /// <summary>
    /// Deletes the row if its version is still <paramref name="expectedVersion"/>; with null, fails when a row appeared meanwhile.
    /// A versioned delete is batched like writes and, like them, not abandoned once queued: the caller would no longer
    /// know whether the row is gone.
    /// </summary>
    public async Task ClearAsync(GrainId grainId, string stateName, long? expectedVersion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cleared = expectedVersion is { } expected
            ? await _writer.ClearAsync(grainId, stateName, expected).ConfigureAwait(false)
            : (await ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false)).Version is null;
        if (!cleared)
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
}
