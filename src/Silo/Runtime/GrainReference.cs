using System.Reflection;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

/// <summary>
/// What <see cref="IGrainFactory.GetGrain{TGrain}(string)"/> returns: a proxy of the grain interface that turns each
/// call into a turn of the grain's activation. Cheap to create, safe to keep and pass around; equal by grain id.
/// </summary>
/// <remarks>Not sealed: DispatchProxy derives a class per grain interface from it at run time.</remarks>
internal class GrainReference : DispatchProxy
{
    private GrainRuntime? _runtime;

    public GrainRuntime Runtime => _runtime ?? throw new InvalidOperationException("Grain reference used before initialisation.");

    public GrainId GrainId { get; private set; }

    public GrainClass Class { get; private set; } = null!;

    /// <summary>The activation this reference last reached: while it is alive, calls skip the directory lookup.</summary>
    public ActivationData? Activation { get; set; }

    public void Initialize(GrainRuntime runtime, GrainId grainId, GrainClass grainClass)
    {
        _runtime = runtime;
        GrainId = grainId;
        Class = grainClass;
    }

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => GrainId.ToString();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        => GrainMethod.For(targetMethod!).Invoke(this, args ?? []);
}
