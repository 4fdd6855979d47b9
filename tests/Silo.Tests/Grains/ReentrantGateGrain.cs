using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

[Reentrant]
public sealed class ReentrantGateGrain : Grain, IGateGrain
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Wait() => _gate.Task;

    public Task Open()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }
}
