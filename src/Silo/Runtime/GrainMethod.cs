using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

/// <summary>
/// A grain interface method made callable: compiled once into a delegate (no per-call reflection) with its
/// interleaving kind read from the attributes once. Cached per MethodInfo.
/// </summary>
internal abstract class GrainMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> Cache = new();

    protected GrainMethod(MethodInfo method)
    {
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        Kind = method.IsDefined(typeof(AlwaysInterleaveAttribute)) ? TurnKind.Interleave
            : method.IsDefined(typeof(ReadOnlyAttribute)) ? TurnKind.ReadOnly
            : TurnKind.Exclusive;
    }

    public string Name { get; }

    public TurnKind Kind { get; }

    public static GrainMethod For(MethodInfo method) => Cache.GetOrAdd(method, Create);

    /// <summary>Null when <paramref name="method"/> can be a grain or observer method, else why not.</summary>
    public static string? Unsupported(MethodInfo method, bool observer)
    {
        var type = method.ReturnType;
        var ok = type == typeof(Task) || type == typeof(ValueTask)
            || (!observer && type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)));
        if (!ok)
        {
            return $"{method.DeclaringType!.Name}.{method.Name} returns {type.Name}; "
                + (observer ? "observer methods return Task or ValueTask." : "grain methods return Task, Task<T>, ValueTask or ValueTask<T>.");
        }
        return method.GetParameters().Any(p => p.ParameterType.IsByRef)
            ? $"{method.DeclaringType!.Name}.{method.Name} has a ref/out/in parameter, which a message cannot carry."
            : null;
    }

    /// <summary>Sends the call to the reference's grain; returns the Task/ValueTask the interface method declares.</summary>
    public abstract object Invoke(GrainReference reference, object?[] args);

    /// <summary>Compiles <c>(target, args) =&gt; ((I)target).M((P0)args[0], ...)</c>, turning a ValueTask into a Task.</summary>
    public static Func<object, object?[], TTask> Compile<TTask>(MethodInfo method) where TTask : Task
    {
        var target = Expression.Parameter(typeof(object), "target");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var arguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), parameters[i].ParameterType);
        Expression call = Expression.Call(Expression.Convert(target, method.DeclaringType!), method, arguments);
        if (method.ReturnType.IsValueType)
            call = Expression.Call(call, method.ReturnType.GetMethod(nameof(ValueTask.AsTask))!);
        return Expression.Lambda<Func<object, object?[], TTask>>(call, target, args).Compile();
    }

    protected Task<TResult> Send<TResult>(GrainReference reference, Func<object, object?[], Task<TResult>> invoker, object?[] args)
    {
        var turn = new Turn<TResult>(Name, Kind, isTimerTick: false, invoker, args);
        var runtime = reference.Runtime;
        runtime.Dispatch(reference, reference.GrainId, reference.Class, turn);
        return turn.ResultAsync(reference.GrainId, runtime.CallTimeout, runtime.Time);
    }

    private static GrainMethod Create(MethodInfo method)
    {
        if (Unsupported(method, observer: false) is { } reason)
            throw new NotSupportedException(reason);
        var type = method.ReturnType;
        if (type == typeof(Task) || type == typeof(ValueTask))
            return new VoidGrainMethod(method);
        var resultType = typeof(ResultGrainMethod<>).MakeGenericType(type.GetGenericArguments()[0]);
        return (GrainMethod)Activator.CreateInstance(resultType, method)!;
    }
}
