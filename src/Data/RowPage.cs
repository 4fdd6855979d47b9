namespace Pbx.Data;

/// <summary>One page of a filtered list and how many rows match the filter across all pages.</summary>
public sealed record RowPage<T>(IReadOnlyList<T> Rows, long Total);
