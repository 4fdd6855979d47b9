using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly List<int> _values = [];
    private readonly Guid _activationId = Guid.NewGuid();
    private int _inside;

    public async Task<bool> Append(int value)
    {
        var alone = Interlocked.Increment(ref _inside) == 1;
        await Task.Yield();
        await Task.Delay(1);
        _values.Add(value);
        alone &= Volatile.Read(ref _inside) == 1;
        Interlocked.Decrement(ref _inside);
        return alone;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) => GetPrimaryKeyString() == "unactivatable"
        ? throw new InvalidOperationException("counter unactivatable has no backing row")
        : Task.CompletedTask;

    public Task<int[]> Values() => Task.FromResult(_values.ToArray());

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public ValueTask<int> Count() => ValueTask.FromResult(_values.Count);

    public async Task Throw(string message)
    {
        await Task.Yield();
        throw new RejectedByGrainException(message);
    }

    public Task ThrowBeforeAwait(string message) => throw new InvalidOperationException(message);

    public Task Sleep(TimeSpan duration) => Task.Delay(duration);
}
