namespace Pbx.Silo.Runtime;

/// <summary>
/// Runs everything of one activation one piece at a time, as Orleans' activation scheduler does: turn starts and the
/// continuations of the grain's own awaits (captured through this SynchronizationContext) never run in parallel, so
/// even interleaved turns of a [Reentrant] grain only switch at await points. It is its own thread-pool work item,
/// and posting allocates nothing beyond the queue's growth.
/// </summary>
internal sealed class ActivationScheduler : SynchronizationContext, IThreadPoolWorkItem
{
    private readonly Lock _lock = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private bool _draining;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_lock)
        {
            _work.Enqueue((d, state));
            if (_draining)
                return;
            _draining = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public override SynchronizationContext CreateCopy() => this;

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            Drain();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_lock)
            {
                if (!_work.TryDequeue(out item))
                {
                    _draining = false;
                    return;
                }
            }
            try
            {
                item.Callback(item.State);
            }
            catch
            {
                // Only an async void method in grain code throws here. Keep the activation's queue moving, then let
                // the exception surface exactly as it would on the thread pool.
                bool more;
                lock (_lock)
                    _draining = more = _work.Count > 0;
                if (more)
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                throw;
            }
        }
    }
}
