namespace Pbx.Silo.Runtime;

/// <summary>
/// An in-memory grain timer. Each tick is a turn of the activation; like Orleans, the next tick is scheduled only
/// after the previous one finished, so ticks never pile up behind a slow callback.
/// </summary>
internal sealed class GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan period) : IDisposable
{
    private ITimer? _timer;
    private volatile bool _stopped;

    public void Start(TimeSpan dueTime)
    {
        // Created idle then armed, so a zero due time cannot tick before _timer is set.
        _timer = activation.Time.CreateTimer(static state => ((GrainTimer)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _stopped = true;
        _timer?.Dispose();
    }

    public void Dispose()
    {
        Stop();
        activation.RemoveTimer(this);
    }

    private void Tick()
    {
        if (_stopped)
            return;
        var turn = ActivationData.CreateTimerTurn(callback);
        if (activation.TryEnqueue(turn))
            _ = AwaitTickAsync(turn);
    }

    private async Task AwaitTickAsync(Turn<bool> turn)
    {
        try
        {
            await turn.Completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopped)
        {
            // Tick dropped because the activation went away: nothing to report.
            return;
        }
        catch (Exception ex)
        {
            activation.LogTimerFailed(ex);
        }
        if (!_stopped && period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            _timer?.Change(period, Timeout.InfiniteTimeSpan);
    }
}
