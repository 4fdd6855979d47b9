using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

/// <summary>A turn whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal sealed class Turn<TResult>(string name, TurnKind kind, bool isTimerTick, Func<object, object?[], Task<TResult>> invoker, object?[] args)
    : Turn(name, kind, isTimerTick)
{
    // Asynchronous continuations: the caller's code must not run inside the grain's turn.
    private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the turn has run, with the grain's own result or exception.</summary>
    public Task<TResult> Completion => _result.Task;

    public override Task ExecuteAsync(object grain)
    {
        Task<TResult> task;
        try
        {
            task = invoker(grain, args);
        }
        catch (Exception ex)
        {
            _result.TrySetException(ex);
            return Task.CompletedTask;
        }
        if (!task.IsCompletedSuccessfully)
            return AwaitAsync(task);
        _result.TrySetResult(task.Result);
        return Task.CompletedTask;
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);

    /// <summary>The caller's view: the result, or a <see cref="TimeoutException"/> naming the grain and method after <paramref name="timeout"/>.</summary>
    public Task<TResult> ResultAsync(GrainId grainId, TimeSpan timeout, TimeProvider time)
    {
        var task = _result.Task;
        return task.IsCompleted ? task : WaitAsync(task, grainId, timeout, time);
    }

    private async Task<TResult> WaitAsync(Task<TResult> task, GrainId grainId, TimeSpan timeout, TimeProvider time)
    {
        try
        {
            return await task.WaitAsync(timeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            Expire();
            throw new TimeoutException(
                $"Call {Name} on grain {grainId} did not complete within {timeout.TotalSeconds:0.###} s (Runtime:CallTimeout); "
                + "the grain is still busy with it or with earlier calls.");
        }
    }

    private async Task AwaitAsync(Task<TResult> task)
    {
        try
        {
            // The grain's exception object itself reaches the caller: same type, message and stack.
            _result.TrySetResult(await task.ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            _result.TrySetException(ex);
        }
    }
}
