namespace Pbx.ApiHost.Paging;

/// <summary>One page of a list and the number of rows matching the filter across all pages.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
