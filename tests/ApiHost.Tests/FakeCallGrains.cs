using System.Collections.Concurrent;
using System.Reflection;
using Pbx.Grains.Calls;
using Pbx.Grains.Runtime;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// The call engine as the API sees it, for the outcomes a real call cannot be steered into on demand. The key decides
/// the outcome: <c>gone-*</c> is no such call, <c>ringing-*</c> not applicable to the action, <c>invalid-*</c> arguments the grain refuses, <c>unsupported-*</c> a grain method
/// that throws <see cref="NotSupportedException"/> (as the placeholders do), anything else done. Each call is recorded.
/// </summary>
internal sealed class FakeCallGrains : IGrainFactory
{
    public ConcurrentQueue<(string Key, string Method, object?[] Args)> Calls { get; } = new();

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        var proxy = DispatchProxy.Create<ICallGrain, CallGrainProxy>();
        ((CallGrainProxy)(object)proxy).Bind(this, key);
        return (TGrain)(object)proxy;
    }

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => throw new NotSupportedException("Only call grains are faked.");

    public TObserver CreateObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver => observer;

    public void DeleteObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver
    {
    }

    /// <summary>Not sealed: DispatchProxy derives from it.</summary>
    internal class CallGrainProxy : DispatchProxy
    {
        private FakeCallGrains _owner = null!;
        private string _key = "";

        public void Bind(FakeCallGrains owner, string key)
        {
            _owner = owner;
            _key = key;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            _owner.Calls.Enqueue((_key, targetMethod!.Name, args ?? []));
            if (_key.StartsWith("unsupported-", StringComparison.Ordinal))
                return Task.FromException<CallActionResult>(new NotSupportedException());
            var result = _key.StartsWith("gone-", StringComparison.Ordinal) ? CallActionResult.NoSuchCall
                : _key.StartsWith("ringing-", StringComparison.Ordinal) ? CallActionResult.NotApplicable
                : _key.StartsWith("invalid-", StringComparison.Ordinal) ? CallActionResult.InvalidArgument
                : CallActionResult.Done;
            return Task.FromResult(result);
        }
    }
}
