using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Pbx.Data.Cdrs;
using Pbx.Data.Recordings;
using Pbx.Grains.Calls;
using Pbx.Grains.Recordings;

namespace Pbx.Grains.Cdrs;

/// <summary>
/// Closes the rows that silos took with them when they died, from whichever silos are alive: every
/// <c>Cdrs:RecoveryInterval</c> (and at start-up) one indexed query finds the open CDR rows whose silo is not in the
/// cluster membership and the open recordings whose call has no live owner; each of those calls' grains is asked whether
/// a call is still going on (an answered call reactivates elsewhere from its persisted state); the rows of calls that
/// are over are closed as <see cref="CdrDisposition.Interrupted"/> and their recordings completed. Every silo runs it:
/// the updates only touch rows still open, so passes that meet do no harm.
/// </summary>
public sealed partial class CdrRecovery(
    CdrRepository cdrs,
    RecordingRepository recordings,
    CdrJournal journal,
    IClusterMembershipService membership,
    IGrainFactory grains,
    IOptions<CdrOptions> options,
    IOptions<CallOptions> callOptions,
    TimeProvider time,
    ILogger<CdrRecovery> logger) : BackgroundService
{
    // Call grains asked at once: a silo that died at 1,000 calls/s leaves a few thousand rows.
    private const int ParallelAsks = 64;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, time);
        do
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (database, a grain call), the calls and the next pass must not pay for it.
                LogPassFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; the timer runs them, and tests call it to know when one has run.</summary>
    public async Task<CdrRecoveryPass> RunPassAsync(CancellationToken cancellationToken)
    {
        // The journal may hold the real ends of calls a previous run of this process left open: it is replayed first.
        if (!journal.IsEmpty)
            return new CdrRecoveryPass(0, 0, Skipped: true);
        var open = await cdrs.FindOrphanCandidatesAsync(OrphanedCalls.LiveSilos(membership.CurrentSnapshot), cancellationToken);
        if (open.Count == 0)
            return new CdrRecoveryPass(0, 0, Skipped: false);
        var over = await CallsOverAsync(open.Select(row => row.CallId).Distinct(), cancellationToken);
        var closed = 0;
        var endedCdrs = open.Where(row => row.FilePath is null && over.Contains(row.CallId)).Select(row => row.CallId).ToList();
        if (endedCdrs.Count > 0)
            closed = await cdrs.CloseInterruptedAsync(endedCdrs, time.GetUtcNow(), cancellationToken);
        var completed = 0;
        foreach (var row in open)
        {
            // Before the file is touched: a recording still being written belongs to a call that is not over.
            if (row.FilePath is { } path && over.Contains(row.CallId) && await CompleteRecordingAsync(path, cancellationToken))
                completed++;
        }
        if (closed + completed > 0)
            LogRecovered(closed, completed);
        return new CdrRecoveryPass(closed, completed, Skipped: false);
    }

    /// <summary>
    /// Finishes and renames the <c>.part</c> file of a recording cut short, then completes its row with the size and
    /// duration on disk (none when the file is gone). False when the row was completed meanwhile.
    /// </summary>
    private Task<bool> CompleteRecordingAsync(string path, CancellationToken cancellationToken)
    {
        RecordingFile.CompletePartial(path);
        var (size, duration) = RecordingFile.Measure(path) ?? (0, 0);
        return recordings.CompleteInterruptedAsync(path, size, duration, time.GetUtcNow(), cancellationToken);
    }

    private async Task<HashSet<string>> CallsOverAsync(IEnumerable<string> callIds, CancellationToken cancellationToken)
    {
        var over = new HashSet<string>(StringComparer.Ordinal);
        var maxDuration = callOptions.Value.MaxDuration;
        await Parallel.ForEachAsync(callIds, new ParallelOptions { MaxDegreeOfParallelism = ParallelAsks, CancellationToken = cancellationToken },
            async (callId, _) =>
            {
                if (!OrphanedCalls.CallIsOver(await AskAsync(callId), time.GetUtcNow(), maxDuration))
                    return;
                lock (over)
                    over.Add(callId);
            });
        return over;
    }

    /// <summary>The call's state from its grain; null when it did not answer (the next pass asks again).</summary>
    private async Task<CallInfo?> AskAsync(string callId)
    {
        try
        {
            return await grains.Grain<ICallGrain>(callId).GetInfoAsync();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or DbException)
        {
            LogAskFailed(callId, e);
            return null;
        }
    }
}
