using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pbx.Grains.Live;
using Pbx.Grains.Runtime;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Runtime;

/// <summary>
/// The single-silo grain runtime: hands out references, finds or creates the one activation per grain id through
/// <see cref="IGrainDirectory"/>, routes turns to activations and collects idle ones.
/// </summary>
internal sealed partial class GrainRuntime : IGrainFactory
{
    private static readonly Func<object, object?[], Task<bool>> ReminderInvoker =
        static (grain, args) => Turn.Completed(((IRemindable)grain).ReceiveReminder((string)args[0]!, (TickStatus)args[1]!));

    private readonly IGrainDirectory _directory;
    private readonly GrainClassRegistry _registry;
    private readonly ILiveEvents _liveEvents;
    private readonly RuntimeOptions _options;
    private volatile bool _stopping;

    public GrainRuntime(IServiceProvider services, IGrainDirectory directory, GrainClassRegistry registry, GrainStateStorage storage,
        ReminderTable reminders, ILiveEvents liveEvents, TimeProvider time, IOptions<RuntimeOptions> options, ILogger<GrainRuntime> logger)
    {
        Services = services;
        _directory = directory;
        _registry = registry;
        Storage = storage;
        Reminders = reminders;
        _liveEvents = liveEvents;
        Time = time;
        _options = options.Value;
        Logger = logger;
    }

    public IServiceProvider Services { get; }

    public GrainStateStorage Storage { get; }

    public ReminderTable Reminders { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public TimeSpan CallTimeout => _options.CallTimeout;

    /// <summary>Activations currently in the table.</summary>
    public int ActivationCount => _directory.Count;

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return CreateReference<TGrain>(key);
    }

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => CreateReference<TGrain>(key.ToString("N"));

    public TObserver CreateObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!typeof(TObserver).IsInterface)
            throw new ArgumentException($"{typeof(TObserver).Name} must be an observer interface, not a class.", nameof(observer));
        foreach (var method in typeof(TObserver).GetInterfaces().Append(typeof(TObserver)).SelectMany(i => i.GetMethods()))
        {
            if (GrainMethod.Unsupported(method, observer: true) is { } reason)
                throw new ArgumentException(reason, nameof(observer));
        }
        var reference = DispatchProxy.Create<TObserver, ObserverReference>();
        ((ObserverReference)(object)reference).Initialize(observer, Logger);
        return reference;
    }

    public void DeleteObjectReference<TObserver>(TObserver reference) where TObserver : class, IGrainObserver
    {
        if (reference is not ObserverReference observer)
            throw new ArgumentException("Not a reference made by CreateObjectReference.", nameof(reference));
        observer.Delete();
    }

    /// <summary>Routes <paramref name="turn"/> to the grain's activation, creating it on first call.</summary>
    public void Dispatch(GrainReference? reference, GrainId grainId, GrainClass grainClass, Turn turn)
    {
        if (reference?.Activation is { } cached && cached.TryEnqueue(turn))
            return;
        ActivationData activation;
        try
        {
            activation = GetOrCreateActivation(grainId, grainClass);
        }
        catch (InvalidOperationException ex)
        {
            turn.Fail(ex);
            return;
        }
        if (activation.TryEnqueue(turn))
        {
            reference?.Activation = activation;
            return;
        }
        _ = RedispatchAsync(activation, grainId, grainClass, turn);
    }

    /// <summary>Delivers one reminder tick as an ordinary turn of the grain named by <paramref name="grainId"/>.</summary>
    public Task InvokeReminderAsync(GrainId grainId, string reminderName, TickStatus status)
    {
        if (!_registry.TryGetByTypeName(grainId.Type, out var grainClass) || !grainClass.IsRemindable)
            throw new InvalidOperationException($"Reminder '{reminderName}' is for grain {grainId}, but no registered IRemindable grain class has type '{grainId.Type}'.");
        var turn = new Turn<bool>("IRemindable.ReceiveReminder", TurnKind.Exclusive, isTimerTick: false, ReminderInvoker, [reminderName, status]);
        Dispatch(null, grainId, grainClass, turn);
        return turn.ResultAsync(grainId, CallTimeout, Time);
    }

    /// <summary>Deactivates activations idle for longer than Runtime:CollectionAge, every Runtime:CollectionInterval.</summary>
    public async Task RunCollectorAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.CollectionInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                await CollectIdleAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Silo stopping.
        }
    }

    public async Task CollectIdleAsync()
    {
        List<Task>? deactivations = null;
        foreach (var activation in _directory.Activations)
        {
            if (activation.TryCollect(_options.CollectionAge) is { } deactivation)
                (deactivations ??= []).Add(deactivation);
        }
        if (deactivations is not null)
        {
            await Task.WhenAll(deactivations).ConfigureAwait(false);
            LogCollected(Logger, deactivations.Count);
        }
    }

    /// <summary>Graceful shutdown: no new activations; every activation runs OnDeactivateAsync (so write-behind grains flush).</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var all = _directory.Activations.Select(a => a.DeactivateForShutdown()).ToList();
        await Task.WhenAll(all).WaitAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(Logger, all.Count);
    }

    internal void OnActivated(ActivationData activation) => Publish(activation, "activated", null);

    internal void OnDeactivated(ActivationData activation, DeactivationReason? reason)
    {
        _directory.Remove(activation);
        if (reason is { } why)
            Publish(activation, "deactivated", why.ToString());
    }

    private TGrain CreateReference<TGrain>(string key)
    {
        var grainClass = _registry.ForInterface(typeof(TGrain));
        var reference = DispatchProxy.Create<TGrain, GrainReference>();
        ((GrainReference)(object)reference!).Initialize(this, new GrainId(grainClass.TypeName, key), grainClass);
        return reference;
    }

    private ActivationData GetOrCreateActivation(GrainId grainId, GrainClass grainClass)
    {
        if (_directory.TryGet(grainId, out var existing))
            return existing;
        if (_stopping)
            throw new InvalidOperationException($"The silo is stopping: grain {grainId} cannot be activated.");
        return _directory.GetOrAdd(grainId, static (id, state) => new ActivationData(state.Runtime, id, state.Class), (Runtime: this, Class: grainClass));
    }

    private async Task RedispatchAsync(ActivationData previous, GrainId grainId, GrainClass grainClass, Turn turn)
    {
        try
        {
            while (true)
            {
                await previous.Deactivated.ConfigureAwait(false);
                if (turn.IsExpired)
                    return;
                var next = GetOrCreateActivation(grainId, grainClass);
                if (next.TryEnqueue(turn))
                    return;
                previous = next;
            }
        }
        catch (InvalidOperationException ex)
        {
            turn.Fail(ex);
        }
    }

    private void Publish(ActivationData activation, string kind, string? reason)
    {
        // Lifecycle events let a live view show active grains without polling the runtime.
        _liveEvents.Publish("grain", activation.GrainId.ToString(), kind, new GrainLifecycle(activation.Class.TypeName, reason), Time.GetUtcNow());
    }

    private sealed record GrainLifecycle(string Type, string? Reason);
}
