using System.Threading.Channels;

namespace Pbx.Grains.Persistence;

/// <summary>
/// Coalesces one kind of statement across all callers (grain-state reads and writes, extension rows of activating
/// grains). The first request goes out at once; whatever is queued while that statement runs goes out together as the
/// next one, so a thousand activations reading or writing at once cost a few round trips and pooled-connection rents
/// instead of a thousand (issue #5). Each request gets its own result; when the statement fails, every request in it
/// fails with the same exception, as each would have alone.
/// </summary>
internal sealed class StatementBatcher<TRequest, TResult> : IAsyncDisposable
{
    // Bounds one statement's parameter arrays; a larger backlog just takes several statements.
    private const int MaxBatch = 1000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TRequest>, Task<TResult[]>> _execute;
    private readonly Task _loop;

    /// <param name="execute">Runs one statement for the batch; returns one result per request, in request order.</param>
    public StatementBatcher(Func<IReadOnlyList<TRequest>, Task<TResult[]>> execute)
    {
        _execute = execute;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues one request; completes with its result once the statement carrying it has run.</summary>
    public Task<TResult> EnqueueAsync(TRequest request)
    {
        // Completed on the batch loop; continuations run elsewhere so one slow grain turn cannot hold up the next batch.
        var completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(request, completion)))
            throw new ObjectDisposedException(GetType().Name);
        return completion.Task;
    }

    /// <summary>Lets the queued requests run, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var requests = new List<TRequest>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                requests.Add(pending.Request);
            }
            try
            {
                var results = await _execute(requests).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Completion.TrySetResult(results[i]);
            }
            catch (Exception exception)
            {
                // The statement is all or nothing: every request in it failed, and each caller sees why (database down, ...).
                foreach (var pending in batch)
                    pending.Completion.TrySetException(exception);
            }
            batch.Clear();
            requests.Clear();
        }
    }

    private readonly record struct Pending(TRequest Request, TaskCompletionSource<TResult> Completion);
}
