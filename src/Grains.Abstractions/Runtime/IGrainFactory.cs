namespace Pbx.Grains.Runtime;

/// <summary>Hands out grain references. A reference is cheap, can be held and passed around, and activates its grain on first call.</summary>
public interface IGrainFactory
{
    /// <summary>The reference to the grain of interface <typeparamref name="TGrain"/> with this string key.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    /// <summary>The reference to the grain of interface <typeparamref name="TGrain"/> with this Guid key.</summary>
    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;

    /// <summary>
    /// Wraps a local, non-grain object (an edge node, a SignalR bridge) so that grains can hold it and call it back.
    /// The runtime keeps the object reachable until <see cref="DeleteObjectReference{TObserver}"/>; after that, calls through the
    /// reference are dropped (logged, never failing the grain). <typeparamref name="TObserver"/> must be the observer interface.
    /// </summary>
    TObserver CreateObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver;

    /// <summary>Stops routing calls to an observer created by <see cref="CreateObjectReference{TObserver}"/>.</summary>
    void DeleteObjectReference<TObserver>(TObserver reference) where TObserver : class, IGrainObserver;
}
