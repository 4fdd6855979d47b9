using System.Reflection;

namespace Pbx.Silo.Runtime;

/// <summary>A grain method returning Task or ValueTask.</summary>
internal sealed class VoidGrainMethod : GrainMethod
{
    private readonly Func<object, object?[], Task<bool>> _invoker;
    private readonly bool _valueTask;

    public VoidGrainMethod(MethodInfo method) : base(method)
    {
        var call = Compile<Task>(method);
        _invoker = (grain, args) => Turn.Completed(call(grain, args));
        _valueTask = method.ReturnType == typeof(ValueTask);
    }

    public override object Invoke(GrainReference reference, object?[] args)
    {
        Task task = Send(reference, _invoker, args);
        return _valueTask ? new ValueTask(task) : task;
    }
}
