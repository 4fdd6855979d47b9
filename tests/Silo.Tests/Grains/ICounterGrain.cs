using Pbx.Grains.Runtime;

namespace Pbx.Silo.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="value"/> after yielding mid-turn; reports whether another turn was inside meanwhile.</summary>
    Task<bool> Append(int value);

    Task<int[]> Values();

    /// <summary>Identity of the activation that served the call.</summary>
    Task<Guid> ActivationId();

    ValueTask<int> Count();

    Task Throw(string message);

    Task ThrowBeforeAwait(string message);

    Task Sleep(TimeSpan duration);
}
