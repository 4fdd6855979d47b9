using System.Reflection;

namespace Pbx.Silo.Runtime;

/// <summary>An assembly registered with AddGrains whose grain classes the runtime serves.</summary>
/// <param name="Assembly">The assembly to scan.</param>
public sealed record GrainAssembly(Assembly Assembly);
