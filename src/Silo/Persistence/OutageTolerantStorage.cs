using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Pbx.Grains.Persistence;

namespace Pbx.Silo.Persistence;

/// <summary>
/// <see cref="GrainStorageNames.OutageTolerant"/>: the silo's grain storage for state a grain can live without while
/// PostgreSQL is away. A call's state is only there so that an answered call survives its silo; without the database a
/// new call cannot afford to fail on it. So a read that cannot reach the database gives a new, empty state, and a write
/// or clear that cannot is skipped (the grain keeps its state in memory; its next write after the outage stores it, the
/// version it holds being still the stored one). After a failure the database is not tried again for
/// <see cref="RetryAfter"/>: a host that is gone costs a connect timeout once, not on every call. Conflicts
/// (<see cref="InconsistentStateException"/>) still fail: they mean another activation's data, not an outage.
/// </summary>
public sealed partial class OutageTolerantStorage(GrainStateStorage inner, TimeProvider time, ILogger<OutageTolerantStorage> logger) : IGrainStorage
{
    /// <summary>How long the database is left alone after it could not be reached.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private long _retryAtTicks;

    /// <summary>True while the database is taken as away (a failure within <see cref="RetryAfter"/>).</summary>
    public bool DatabaseAway => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _retryAtTicks);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!DatabaseAway)
        {
            try
            {
                await inner.ReadStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (IsOutage(e))
            {
                Away(e);
            }
        }
        LogReadSkipped(stateName, grainId);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TryAsync(() => inner.WriteStateAsync(stateName, grainId, grainState), "write", stateName, grainId);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!await TryAsync(() => inner.ClearStateAsync(stateName, grainId, grainState), "clear", stateName, grainId).ConfigureAwait(false))
            grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<bool> TryAsync(Func<Task> operation, string what, string stateName, GrainId grainId)
    {
        if (!DatabaseAway)
        {
            try
            {
                await operation().ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (IsOutage(e))
            {
                Away(e);
            }
        }
        LogWriteSkipped(what, stateName, grainId);
        return false;
    }

    private void Away(Exception e)
    {
        Interlocked.Exchange(ref _retryAtTicks, (time.GetUtcNow() + RetryAfter).UtcTicks);
        LogDatabaseAway(RetryAfter, e);
    }

    // The database could not be reached or did not answer in time; not a conflict, not a bug in the statement.
    private static bool IsOutage(Exception e) => e is NpgsqlException { IsTransient: true } or TimeoutException or SocketException or IOException
        || e is NpgsqlException { InnerException: SocketException or IOException or TimeoutException }
        || (e.InnerException is { } inner && e is not InconsistentStateException && IsOutage(inner));

    // Once per RetryAfter at most; the per-call lines below are Debug, as a busy PBX would write thousands a second.
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "PostgreSQL is not reachable for grain state; calls go on from memory and it is tried again in {RetryAfter}")]
    private partial void LogDatabaseAway(TimeSpan retryAfter, Exception error);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "State {StateName} of {GrainId} not read: the database is away, so it starts empty")]
    private partial void LogReadSkipped(string stateName, GrainId grainId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug, Message = "State {StateName} of {GrainId}: {Operation} skipped while the database is away; kept in memory")]
    private partial void LogWriteSkipped(string operation, string stateName, GrainId grainId);
}
