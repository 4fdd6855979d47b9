using Orleans;
using Orleans.Runtime;

namespace Pbx.Grains;

/// <summary>
/// String-keyed grain references without Orleans' per-call reflection: <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string)"/>
/// resolves the interface's grain interface type from its attributes on every call, which was about 7 % of the CPU of a
/// call set-up (dotnet-trace of the calls bench: <c>GrainInterfaceTypeResolver.GetGrainInterfaceType</c> under
/// <c>GetCustomAttributeRecords</c>). Here each interface's grain type and interface type are resolved once.
/// </summary>
public static class GrainFactoryExtensions
{
    /// <summary>The reference to the <typeparamref name="TGrain"/> grain with <paramref name="key"/>, as GetGrain would give it.</summary>
    public static TGrain Grain<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        var (type, interfaceType) = ResolvedTypes<TGrain>.Of(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(type, key), interfaceType);
    }

    private static class ResolvedTypes<TGrain> where TGrain : IGrainWithStringKey
    {
        private static (GrainType, GrainInterfaceType)? _types;

        // A race resolves twice to the same values; both writes are whole tuples.
        public static (GrainType, GrainInterfaceType) Of(IGrainFactory grains) => _types ??= Resolve(grains);

        private static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains)
        {
            // Any key: only the types of the reference are kept.
            var reference = (GrainReference)(object)grains.GetGrain<TGrain>("types");
            return (reference.GrainId.Type, reference.InterfaceType);
        }
    }
}
