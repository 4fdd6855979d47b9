using System.Reflection;
using Pbx.Bench;

// Usage: Pbx.Bench [--quick] [suite ...]   (no suite: all of them)
var quick = args.Contains("--quick");
var wanted = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchSuite).IsAssignableFrom(t))
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .Where(s => wanted.Count == 0 || wanted.Contains(s.Name))
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();
if (suites.Count == 0)
{
    Console.Error.WriteLine($"no suite matches {string.Join(", ", wanted)}");
    return 2;
}

var rows = new List<BenchRow>();
foreach (var suite in suites)
{
    Console.Error.WriteLine($"== {suite.Name}");
    rows.AddRange(await suite.RunAsync(new BenchOptions(quick), CancellationToken.None));
}
BenchTable.Print(rows, Console.Out);
return 0;
