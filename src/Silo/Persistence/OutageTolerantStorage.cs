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
/// version it holds being still the stored one). A failure tells <see cref="DatabaseWatch"/>, and the database is not tried
/// again until its next ping answers: a host that is gone costs a connect timeout once, not on every call. Conflicts
/// (<see cref="InconsistentStateException"/>) still fail: they mean another activation's data, not an outage.
/// </summary>
public sealed partial class OutageTolerantStorage(GrainStateStorage inner, DatabaseWatch database, ILogger<OutageTolerantStorage> logger) : IGrainStorage
{
    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await TryAsync(() => inner.ReadStateAsync(stateName, grainId, grainState), "read", stateName, grainId).ConfigureAwait(false))
            return;
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

    /// <summary>Runs <paramref name="operation"/> unless the database is away; false when it was skipped or found the database away.</summary>
    private async Task<bool> TryAsync(Func<Task> operation, string what, string stateName, GrainId grainId)
    {
        if (database.Up)
        {
            try
            {
                await operation().ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (IsOutage(e))
            {
                database.ReportUnreachable(e);
            }
        }
        LogSkipped(what, stateName, grainId);
        return false;
    }

    // The database could not be reached or did not answer in time, anywhere in the chain; not a conflict, not a bug in the statement.
    private static bool IsOutage(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is InconsistentStateException)
                return false;
            if (current is NpgsqlException { IsTransient: true } or TimeoutException or SocketException or IOException)
                return true;
        }
        return false;
    }

    // Debug: a busy PBX would write thousands a second; DatabaseWatch logs the outage itself once.
    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug, Message = "State {StateName} of {GrainId}: {Operation} skipped while the database is away")]
    private partial void LogSkipped(string operation, string stateName, GrainId grainId);
}
