using System.Diagnostics;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

[Reentrant]
public sealed class ReentrantGateGrain : Grain, IGateGrain
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    public Task Wait() => _gate.Task;

    public Task Open()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<bool> Spin()
    {
        var alone = Interlocked.Increment(ref _running) == 1;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2000;
        while (Stopwatch.GetTimestamp() < until)
            alone &= Volatile.Read(ref _running) == 1;
        Interlocked.Decrement(ref _running);
        await Task.Yield();
        return alone;
    }
}
