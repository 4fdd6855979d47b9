using System.Reflection;
using System.Runtime.CompilerServices;
using Shouldly;
using Xunit;

namespace Pbx.Architecture.Tests;

/// <summary>
/// The call grain stays a thin shell over small parts (issue 15): no class of the call family takes more than a handful of
/// collaborators, and no file of it grows past about 300 lines. Records (commands, facts, state) are data, not classes
/// with collaborators, and are left out.
/// </summary>
public sealed class CallGrainShapeTests
{
    private const int MostDependencies = 6;
    private const int MostLines = 300;

    // The composition root of a call's parts: its job is to know every service the parts share.
    private static readonly string[] CompositionRoots = ["Pbx.Grains.Calls.CallAssembly"];

    [Fact]
    public void No_class_of_the_call_family_takes_more_than_a_handful_of_collaborators()
    {
        var crowded = ProductAssemblies.Load("Pbx.Grains").GetTypes()
            .Where(type => type.Namespace?.StartsWith("Pbx.Grains.Calls", StringComparison.Ordinal) == true)
            .Where(type => type.IsClass && !IsRecord(type) && !type.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Where(type => !CompositionRoots.Contains(type.FullName))
            .Select(type => (type.FullName, Most: type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Select(constructor => constructor.GetParameters().Length).DefaultIfEmpty(0).Max()))
            .Where(type => type.Most > MostDependencies)
            .Select(type => $"{type.FullName}: {type.Most}");

        crowded.ShouldBeEmpty();
    }

    [Fact]
    public void No_file_of_the_call_family_is_over_about_300_lines()
    {
        var calls = Path.Combine(RepositoryRoot(), "src", "Grains", "Calls");

        var long_ = Directory.EnumerateFiles(calls, "*.cs", SearchOption.AllDirectories)
            .Select(file => (File: Path.GetRelativePath(calls, file), Lines: File.ReadLines(file).Count()))
            .Where(file => file.Lines > MostLines)
            .Select(file => $"{file.File}: {file.Lines} lines");

        long_.ShouldBeEmpty();
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pbx.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no Pbx.sln above {AppContext.BaseDirectory}");
    }
}
