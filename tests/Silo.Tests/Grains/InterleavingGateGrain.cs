using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

public sealed class InterleavingGateGrain : Grain, IInterleavingGateGrain
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _met = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task Wait() => _gate.Task;

    public Task Open()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    public Task Meet(int parties)
    {
        if (Interlocked.Increment(ref _arrived) >= parties)
            _met.TrySetResult();
        return _met.Task;
    }
}
