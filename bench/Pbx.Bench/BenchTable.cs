namespace Pbx.Bench;

/// <summary>Prints the rows as one Markdown table, ready to paste into an issue note.</summary>
public static class BenchTable
{
    public static void Print(IReadOnlyList<BenchRow> rows, TextWriter output)
    {
        string[] header = ["suite", "case", "value", "target", "notes"];
        var cells = rows.Select(r => new[] { r.Suite, r.Case, r.Value, r.Target, r.Notes }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        void Line(IReadOnlyList<string> c) =>
            output.WriteLine("| " + string.Join(" | ", c.Select((v, i) => v.PadRight(widths[i]))) + " |");
        Line(header);
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var c in cells)
            Line(c);
    }
}
