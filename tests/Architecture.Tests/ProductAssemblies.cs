using System.Reflection;

namespace Pbx.Architecture.Tests;

/// <summary>The product's assemblies, loaded from beside the tests (the host's reference brings them all).</summary>
internal static class ProductAssemblies
{
    public static bool IsProduct(string name) => name.StartsWith("Pbx.", StringComparison.Ordinal);

    public static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
