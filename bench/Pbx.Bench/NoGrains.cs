using System.Reflection;
using Orleans;

namespace Pbx.Bench;

/// <summary>
/// The grain factory of an API run without a cluster: the history and statistics routes the API suite measures ask no
/// grain, and the API requires a factory, so this one refuses every call. Not sealed: DispatchProxy derives from it.
/// </summary>
internal class NoGrains : DispatchProxy
{
    public static IGrainFactory Create() => DispatchProxy.Create<IGrainFactory, NoGrains>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new NotSupportedException($"The API suite runs without a cluster; {targetMethod?.Name} was asked of its grain factory.");
}
