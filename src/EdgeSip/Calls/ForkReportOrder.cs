namespace Pbx.EdgeSip.Calls;

/// <summary>
/// Keeps one fork's responses reaching the call grain, and their instructions reaching the caller, in the order they came
/// off the wire. A provisional response is reported without holding up the transaction that received it, so without this a
/// callee's 183 and 200 arriving together could be reported, or relayed to the caller, the other way round: a 2xx would
/// then overtake the reliable 183 it must follow (RFC 3262 section 3) and the caller would see its early answer dropped.
/// </summary>
internal sealed class ForkReportOrder
{
    private readonly Lock _gate = new();
    private Task _tail = Task.CompletedTask;

    /// <summary>Runs <paramref name="report"/> once every report queued before it has finished.</summary>
    public void Enqueue(Func<Task> report)
    {
        lock (_gate)
            _tail = RunAfterAsync(_tail, report);
    }

    /// <summary>Completes when every report queued so far has finished; the fork's final response waits for it.</summary>
    public Task DrainedAsync()
    {
        lock (_gate)
            return _tail;
    }

    private static async Task RunAfterAsync(Task previous, Func<Task> report)
    {
        // A report that failed was logged where it failed; the next one still goes.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await report();
    }
}
