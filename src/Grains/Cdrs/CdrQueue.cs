using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Data.Cdrs;
using Pbx.Grains.Persistence;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// Where call grains write CDR and recording rows: <see cref="WriteAsync"/> completes once the write is durable, so no
/// CDR waits only in a process's memory (a kill -9 loses none). Writes from all calls are coalesced: the first goes out
/// at once and those arriving meanwhile share the next <see cref="CdrRepository.ApplyAsync"/> (one round trip, one
/// commit). When PostgreSQL fails a batch or has not committed it within <c>Cdrs:SpillAfter</c>, the batch is appended
/// to the local <see cref="CdrJournal"/> (fsync) instead, and so is every later write until <see cref="CdrWriter"/> has
/// replayed the journal: a database outage delays CDRs, never loses them, and never stops a call.
/// </summary>
public sealed partial class CdrQueue : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly CdrRepository _repository;
    private readonly CdrJournal _journal;
    private readonly TimeSpan _spillAfter;
    private readonly string _silo;
    private readonly TimeProvider _time;
    private readonly ILogger<CdrQueue> _logger;
    private readonly StatementBatcher<CdrWrite, bool> _batcher;
    private Task _abandoned = Task.CompletedTask;

    /// <param name="repository">Applies batches to PostgreSQL.</param>
    /// <param name="journal">The local spill.</param>
    /// <param name="options">Section <c>Cdrs</c>.</param>
    /// <param name="silo">This silo (<c>SiloAddress.ToParsableString()</c>), stamped on the rows it opens.</param>
    /// <param name="time">Clock of the spill deadline and retries.</param>
    /// <param name="logger">Logger.</param>
    public CdrQueue(CdrRepository repository, CdrJournal journal, IOptions<CdrOptions> options, string silo, TimeProvider time, ILogger<CdrQueue> logger)
    {
        _repository = repository;
        _journal = journal;
        _spillAfter = options.Value.SpillAfter;
        _silo = silo;
        _time = time;
        _logger = logger;
        _batcher = new StatementBatcher<CdrWrite, bool>(ApplyAsync);
    }

    /// <summary>
    /// A batch given up for slowness that may still commit; <see cref="CdrWriter"/> lets it end before replaying the
    /// journal, so a late commit cannot overtake later writes of the same call. Never faults.
    /// </summary>
    internal Task Abandoned => Volatile.Read(ref _abandoned);

    /// <summary>Completes once <paramref name="write"/> is in PostgreSQL or in the local journal.</summary>
    public Task WriteAsync(CdrWrite write) => _batcher.EnqueueAsync(write is CdrOpened { Silo: null } opened ? opened with { Silo = _silo } : write);

    /// <summary>Lets the queued writes land (in the database or the journal), then stops.</summary>
    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private async Task<bool[]> ApplyAsync(IReadOnlyList<CdrWrite> requests)
    {
        CdrWrite[] writes = [.. requests];
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                // While the journal holds writes, new ones queue behind them: a call's close must not land before its open.
                if (_journal.AppendIfPending(writes) || await TryDatabaseAsync(writes))
                    return new bool[writes.Length];
                _journal.Append(writes);
                LogSpilled(writes.Length, _journal.FilePath);
                return new bool[writes.Length];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Neither PostgreSQL nor the local disk takes them: the calls wait rather than go on with CDRs only in memory.
                LogJournalFailed(writes.Length, _journal.FilePath, delay, e);
            }
            await Task.Delay(delay, _time);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }
    }

    private async Task<bool> TryDatabaseAsync(CdrWrite[] writes)
    {
        var apply = _repository.ApplyAsync(writes, CancellationToken.None);
        try
        {
            await apply.WaitAsync(_spillAfter, _time);
            return true;
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            if (!apply.IsCompleted)
                Volatile.Write(ref _abandoned, apply.ContinueWith(static t => t.Exception, TaskScheduler.Default));
            LogDatabaseFailed(writes.Length, e);
            return false;
        }
    }
}
