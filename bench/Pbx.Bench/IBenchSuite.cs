namespace Pbx.Bench;

/// <summary>One benchmark family (grain calls, SIP parser, REGISTER load, RTP relay); bench/run.sh runs them all.</summary>
public interface IBenchSuite
{
    /// <summary>Short name used on the command line: bench/run.sh grains.</summary>
    string Name { get; }

    /// <summary>Runs the suite and returns the rows of its table.</summary>
    Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}

/// <summary>One line of the printed table.</summary>
/// <param name="Suite">The suite that measured it.</param>
/// <param name="Case">What was measured.</param>
/// <param name="Value">The figure, formatted with its unit.</param>
/// <param name="Target">The target for it, or empty.</param>
/// <param name="Notes">Context: sample size, median of how many runs, CPU.</param>
public sealed record BenchRow(string Suite, string Case, string Value, string Target = "", string Notes = "");

/// <summary>Knobs shared by all suites.</summary>
/// <param name="Quick">Shorter runs for a smoke check (CI); figures are then indicative only.</param>
public sealed record BenchOptions(bool Quick);
