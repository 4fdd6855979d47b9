using System.Diagnostics.CodeAnalysis;
using Pbx.Grains.Runtime;

namespace Pbx.Silo.Runtime;

/// <summary>Maps grain interfaces to their single implementing class, found in the assemblies passed to AddGrains.</summary>
internal sealed class GrainClassRegistry
{
    // Null marks an interface several classes implement (a shared base interface): fine until someone asks for it.
    private readonly Dictionary<Type, GrainClass?> _byInterface = [];
    private readonly Dictionary<string, GrainClass> _byTypeName = new(StringComparer.Ordinal);

    public GrainClassRegistry(IEnumerable<GrainAssembly> assemblies)
    {
        foreach (var type in assemblies.Select(a => a.Assembly).Distinct().SelectMany(a => a.GetTypes()))
        {
            if (!type.IsClass || type.IsAbstract || !typeof(Grain).IsAssignableFrom(type))
                continue;
            var grainClass = new GrainClass(type);
            if (!_byTypeName.TryAdd(grainClass.TypeName, grainClass))
                throw new InvalidOperationException($"Grain classes {_byTypeName[grainClass.TypeName].ImplementationType.FullName} and {type.FullName} share grain type '{grainClass.TypeName}'.");
            foreach (var contract in type.GetInterfaces())
            {
                if (!typeof(IGrain).IsAssignableFrom(contract) || contract == typeof(IGrain) || contract == typeof(IGrainWithStringKey)
                    || contract == typeof(IGrainWithGuidKey) || contract == typeof(IRemindable))
                {
                    continue;
                }
                if (_byInterface.ContainsKey(contract))
                {
                    _byInterface[contract] = null;
                    continue;
                }
                foreach (var method in contract.GetMethods())
                {
                    if (GrainMethod.Unsupported(method, observer: false) is { } reason)
                        throw new InvalidOperationException($"Grain interface {contract.Name}: {reason}");
                }
                _byInterface.Add(contract, grainClass);
            }
        }
    }

    public GrainClass ForInterface(Type grainInterface) => _byInterface.TryGetValue(grainInterface, out var grainClass)
        ? grainClass ?? throw new InvalidOperationException($"Several grain classes implement {grainInterface.FullName}; ask for the grain by a more specific interface.")
        : throw new InvalidOperationException($"No grain class implements {grainInterface.FullName}: pass its assembly to AddGrains.");

    public bool TryGetByTypeName(string typeName, [NotNullWhen(true)] out GrainClass? grainClass) => _byTypeName.TryGetValue(typeName, out grainClass);
}
