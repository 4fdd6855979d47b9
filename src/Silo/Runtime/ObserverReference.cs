using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Pbx.Silo.Runtime;

/// <summary>
/// What CreateObjectReference returns: a proxy grains call to reach a local non-grain object. A failing or deleted
/// observer never fails the grain turn that notified it: the failure is logged and the call completes.
/// </summary>
/// <remarks>Not sealed: DispatchProxy derives a class per observer interface from it at run time.</remarks>
internal partial class ObserverReference : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<object, object?[], Task>> Invokers = new();
    private object? _target;
    private ILogger? _logger;

    public void Initialize(object target, ILogger logger)
    {
        _target = target;
        _logger = logger;
    }

    public void Delete() => Volatile.Write(ref _target, null);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        var task = Call(method, args ?? []);
        return method.ReturnType == typeof(ValueTask) ? new ValueTask(task) : task;
    }

    private Task Call(MethodInfo method, object?[] args)
    {
        if (Volatile.Read(ref _target) is not { } target)
        {
            LogDeleted(_logger!, method.Name);
            return Task.CompletedTask;
        }
        Task task;
        try
        {
            task = Invokers.GetOrAdd(method, static m => GrainMethod.Compile<Task>(m))(target, args);
        }
        catch (Exception ex)
        {
            LogFailed(_logger!, ex, method.DeclaringType!.Name, method.Name);
            return Task.CompletedTask;
        }
        return task.IsCompletedSuccessfully ? task : GuardAsync(task, method);
    }

    private async Task GuardAsync(Task task, MethodInfo method)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFailed(_logger!, ex, method.DeclaringType!.Name, method.Name);
        }
    }
}
