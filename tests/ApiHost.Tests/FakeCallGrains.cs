using System.Collections.Concurrent;
using System.Reflection;
using Pbx.Grains.Calls;
using Pbx.Grains.Extensions;
using Pbx.Grains.Trunks;
using Orleans;
using Orleans.Runtime;
using Pbx.Grains.Cluster;
using Pbx.Grains.Media;
using Pbx.Grains.Menus;
using Pbx.Grains.TimeConditions;

namespace Pbx.ApiHost.Tests;

/// <summary>
/// The call engine as the API sees it (and the extension grains the extensions API reloads and reads the status of), for the outcomes a real call cannot be steered into on demand; also the grain factory of every test API that runs without a cluster. The key decides
/// the outcome: <c>gone-*</c> is no such call, <c>ringing-*</c> not applicable to the action, <c>invalid-*</c> arguments the grain refuses, <c>unsupported-*</c> a grain method
/// that throws <see cref="NotSupportedException"/> (as the placeholders do), anything else done. Each call is recorded.
/// </summary>
internal sealed class FakeCallGrains
{
    public FakeCallGrains()
    {
        var factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
        ((FactoryProxy)(object)factory).Owner = this;
        Factory = factory;
    }

    /// <summary>The key prefix of extension grains that never answer, as a grain of a silo that just died.</summary>
    public const string UnreachablePrefix = "unreachable-";

    /// <summary>What the API host is given as its grain factory.</summary>
    public IGrainFactory Factory { get; }

    public ConcurrentQueue<(string Key, string Method, object?[] Args)> Calls { get; } = new();

    /// <summary>What an extension's grain reports as its live state, by number; a number not listed is an idle, unregistered extension.</summary>
    public ConcurrentDictionary<string, ExtensionStatus> ExtensionStatuses { get; } = new(StringComparer.Ordinal);

    /// <summary>What a trunk's grain reports, by id; a trunk not listed has heard from no edge yet.</summary>
    public ConcurrentDictionary<string, TrunkStatus> TrunkStatuses { get; } = new(StringComparer.Ordinal);

    /// <summary>The silos the management grain lists; null makes the cluster's grains fail as an unreachable cluster does.</summary>
    public List<MembershipEntry>? Silos { get; set; } = [];

    /// <summary>The node ids the edges' directory lists.</summary>
    public List<string> Edges { get; } = [];

    /// <summary>What the media directory lists.</summary>
    public List<MediaNodeEntry> MediaNodes { get; } = [];

    private object GetGrain(Type grainInterface, string key)
    {
        if (grainInterface == typeof(IManagementGrain) || grainInterface == typeof(INodeDirectoryGrain<ICallEdge>) || grainInterface == typeof(IMediaDirectoryGrain))
        {
            var directory = (ClusterGrainProxy)DispatchProxy.Create(grainInterface, typeof(ClusterGrainProxy));
            directory.Bind(this, key);
            return directory;
        }
        if (grainInterface == typeof(ITrunkGrain))
        {
            var trunk = DispatchProxy.Create<ITrunkGrain, TrunkGrainProxy>();
            ((TrunkGrainProxy)(object)trunk).Bind(this, key);
            return trunk;
        }
        if (grainInterface == typeof(IExtensionGrain))
        {
            // The extensions API tells an extension's grain after each change; that is all it asks of one.
            var extension = DispatchProxy.Create<IExtensionGrain, ExtensionGrainProxy>();
            ((ExtensionGrainProxy)(object)extension).Bind(this, key);
            return extension;
        }
        if (grainInterface == typeof(IIvrMenuGrain))
        {
            var menu = DispatchProxy.Create<IIvrMenuGrain, ForgettingGrainProxy>();
            ((ForgettingGrainProxy)(object)menu).Bind(this, key);
            return menu;
        }
        if (grainInterface == typeof(ITimeConditionGrain))
        {
            var condition = DispatchProxy.Create<ITimeConditionGrain, ForgettingGrainProxy>();
            ((ForgettingGrainProxy)(object)condition).Bind(this, key);
            return condition;
        }
        if (grainInterface != typeof(ICallGrain))
            throw new NotSupportedException($"Only call, extension and trunk grains are faked, not {grainInterface.Name}.");
        var proxy = DispatchProxy.Create<ICallGrain, CallGrainProxy>();
        ((CallGrainProxy)(object)proxy).Bind(this, key);
        return proxy;
    }

    /// <summary>Orleans' IGrainFactory, of which the API uses only GetGrain&lt;T&gt;(string key). Not sealed: DispatchProxy derives from it.</summary>
    internal class FactoryProxy : DispatchProxy
    {
        public FakeCallGrains Owner { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => (targetMethod, args) switch
        {
            ({ Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true }, [string key, ..]) => Owner.GetGrain(targetMethod.GetGenericArguments()[0], key),
            ({ Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true }, [long key, ..]) =>
                Owner.GetGrain(targetMethod.GetGenericArguments()[0], key.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"The fake grain factory answers GetGrain<T>(string) and GetGrain<T>(long) only, not {targetMethod}."),
        };
    }

    /// <summary>A grain proxy that records each call, then answers it. Not sealed: DispatchProxy derives from it.</summary>
    internal abstract class RecordingProxy : DispatchProxy
    {
        protected FakeCallGrains Owner { get; private set; } = null!;

        protected string Key { get; private set; } = "";

        public void Bind(FakeCallGrains owner, string key)
        {
            Owner = owner;
            Key = key;
        }

        protected sealed override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Owner.Calls.Enqueue((Key, targetMethod!.Name, args ?? []));
            return Answer(targetMethod);
        }

        protected abstract object Answer(MethodInfo method);
    }

    /// <summary>
    /// Only <see cref="IExtensionGrain.ReloadAsync"/> and <see cref="IExtensionGrain.GetStatusAsync"/> are expected of an
    /// extension grain; one whose key starts with <see cref="UnreachablePrefix"/> times out.
    /// </summary>
    internal class ExtensionGrainProxy : RecordingProxy
    {
        protected override object Answer(MethodInfo method)
        {
            if (Key.StartsWith(UnreachablePrefix, StringComparison.Ordinal))
                return method.Name == nameof(IExtensionGrain.GetStatusAsync)
                    ? Task.FromException<ExtensionStatus>(new TimeoutException($"Extension grain {Key} did not answer."))
                    : Task.FromException(new TimeoutException($"Extension grain {Key} did not answer."));
            return method.Name switch
            {
                nameof(IExtensionGrain.ReloadAsync) => Task.CompletedTask,
                nameof(IExtensionGrain.GetStatusAsync) => Task.FromResult(
                    Owner.ExtensionStatuses.GetValueOrDefault(Key) ?? new ExtensionStatus(Key, true, true, [], new LockoutStatus(0, null, 0), [])),
                _ => throw new NotSupportedException($"Only ReloadAsync and GetStatusAsync of extension grains are faked, not {method.Name}."),
            };
        }
    }

    /// <summary>A trunk grain: told of changes, asked for its status.</summary>
    internal class TrunkGrainProxy : RecordingProxy
    {
        protected override object Answer(MethodInfo method) => method.Name switch
        {
            nameof(ITrunkGrain.ReconfiguredAsync) => Task.CompletedTask,
            nameof(ITrunkGrain.GetStatusAsync) => Task.FromResult(
                Owner.TrunkStatuses.GetValueOrDefault(Key) ?? new TrunkStatus(Key, TrunkRegistrationPhase.Disabled, null, 0, null, null, 0)),
            _ => throw new NotSupportedException($"Only ReconfiguredAsync and GetStatusAsync of trunk grains are faked, not {method.Name}."),
        };
    }

    /// <summary>Menu and time-condition grains: the API tells them after each change (ForgetAsync); that is all it asks of them.</summary>
    internal class ForgettingGrainProxy : RecordingProxy
    {
        protected override object Answer(MethodInfo method) => method.Name == nameof(IIvrMenuGrain.ForgetAsync)
            ? Task.CompletedTask
            : throw new NotSupportedException($"Only ForgetAsync of menu and time-condition grains is faked, not {method.Name}.");
    }

    /// <summary>The cluster's own grains the system status reads: membership, the edges' and the media nodes' directories.</summary>
    internal class ClusterGrainProxy : RecordingProxy
    {
        protected override object Answer(MethodInfo method)
        {
            if (Owner.Silos is not { } silos)
                return method.Name switch
                {
                    nameof(IManagementGrain.GetDetailedHosts) => Task.FromException<MembershipEntry[]>(new OrleansException("No silo answered.")),
                    nameof(IMediaDirectoryGrain.GetLiveNodesAsync) => Task.FromException<IReadOnlyList<MediaNodeEntry>>(new OrleansException("No silo answered.")),
                    _ => Task.FromException<IReadOnlyList<LiveNode<ICallEdge>>>(new OrleansException("No silo answered.")),
                };
            return method.Name switch
            {
                nameof(IManagementGrain.GetDetailedHosts) => Task.FromResult(silos.ToArray()),
                nameof(IMediaDirectoryGrain.GetLiveNodesAsync) => Task.FromResult<IReadOnlyList<MediaNodeEntry>>(Owner.MediaNodes),
                nameof(INodeDirectoryGrain<ICallEdge>.GetLiveAsync) => Task.FromResult<IReadOnlyList<LiveNode<ICallEdge>>>(
                    [.. Owner.Edges.Select(id => new LiveNode<ICallEdge>(id, null!))]),
                _ => throw new NotSupportedException($"Only the system status's reads of cluster grains are faked, not {method.Name}."),
            };
        }
    }

    internal class CallGrainProxy : RecordingProxy
    {
        protected override object Answer(MethodInfo method)
        {
            if (Key.StartsWith("unsupported-", StringComparison.Ordinal))
                return Task.FromException<CallActionResult>(new NotSupportedException());
            var result = Key.StartsWith("gone-", StringComparison.Ordinal) ? CallActionResult.NoSuchCall
                : Key.StartsWith("ringing-", StringComparison.Ordinal) ? CallActionResult.NotApplicable
                : Key.StartsWith("invalid-", StringComparison.Ordinal) ? CallActionResult.InvalidArgument
                : CallActionResult.Done;
            return Task.FromResult(result);
        }
    }
}
