using System.Reflection;

namespace Pbx.Silo.Runtime;

/// <summary>A grain method returning Task&lt;TResult&gt; or ValueTask&lt;TResult&gt;.</summary>
internal sealed class ResultGrainMethod<TResult>(MethodInfo method) : GrainMethod(method)
{
    private readonly Func<object, object?[], Task<TResult>> _invoker = Compile<Task<TResult>>(method);
    private readonly bool _valueTask = method.ReturnType.IsValueType;

    public override object Invoke(GrainReference reference, object?[] args)
    {
        var task = Send(reference, _invoker, args);
        return _valueTask ? new ValueTask<TResult>(task) : task;
    }
}
