using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Pbx.Grains.Runtime;
using Pbx.Silo.Persistence;

namespace Pbx.Silo.Runtime;

/// <summary>
/// A grain implementation class and how to build it: DI services through ActivatorUtilities, plus one
/// <see cref="IPersistentState{TState}"/> per <c>[PersistentState]</c> constructor parameter, loaded before OnActivateAsync.
/// </summary>
internal sealed class GrainClass
{
    private static readonly MethodInfo CreateStateMethod = typeof(GrainClass).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly ObjectFactory _factory;
    private readonly (string Name, Func<GrainStateStorage, GrainId, string, IStateLoader> Create)[] _states;

    public GrainClass(Type implementationType)
    {
        ImplementationType = implementationType;
        TypeName = implementationType.Name.EndsWith("Grain", StringComparison.Ordinal) && implementationType.Name.Length > "Grain".Length
            ? implementationType.Name[..^"Grain".Length]
            : implementationType.Name;
        IsReentrant = implementationType.IsDefined(typeof(ReentrantAttribute));
        IsRemindable = typeof(IRemindable).IsAssignableFrom(implementationType);
        var constructors = implementationType.GetConstructors();
        if (constructors.Length != 1)
            throw new InvalidOperationException($"Grain class {implementationType.FullName} must have exactly one public constructor (it has {constructors.Length}).");
        var states = new List<(string, Func<GrainStateStorage, GrainId, string, IStateLoader>)>();
        var stateTypes = new List<Type>();
        foreach (var parameter in constructors[0].GetParameters())
        {
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is not { } attribute)
                continue;
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                throw new InvalidOperationException($"{implementationType.Name}: [PersistentState] parameter '{parameter.Name}' must be IPersistentState<T>.");
            if (stateTypes.Contains(type))
                throw new InvalidOperationException($"{implementationType.Name}: two [PersistentState] parameters of type {type.Name}; give each state its own record type.");
            stateTypes.Add(type);
            var create = CreateStateMethod.MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<GrainStateStorage, GrainId, string, IStateLoader>>();
            states.Add((attribute.StateName, create));
        }
        _states = [.. states];
        _factory = ActivatorUtilities.CreateFactory(implementationType, [.. stateTypes]);
    }

    public Type ImplementationType { get; }

    /// <summary>Grain type in grain ids and storage keys: the class name without its "Grain" suffix.</summary>
    public string TypeName { get; }

    public bool IsReentrant { get; }

    public bool IsRemindable { get; }

    /// <summary>Constructs the grain, loads its persistent states, attaches the context and runs OnActivateAsync.</summary>
    public async Task<Grain> ActivateAsync(IServiceProvider services, GrainStateStorage storage, IGrainContext context, CancellationToken cancellationToken)
    {
        var states = new IStateLoader[_states.Length];
        for (var i = 0; i < states.Length; i++)
            states[i] = _states[i].Create(storage, context.GrainId, _states[i].Name);
        var grain = (Grain)_factory(services, states);
        // No ConfigureAwait(false): OnActivateAsync must run on the activation's scheduler like every turn.
        foreach (var state in states)
            await state.LoadAsync(cancellationToken);
        grain.GrainContext = context;
        await grain.OnActivateAsync(cancellationToken);
        return grain;
    }

    private static IStateLoader CreateState<TState>(GrainStateStorage storage, GrainId grainId, string name) where TState : new()
        => new PersistentState<TState>(storage, grainId, name);
}
