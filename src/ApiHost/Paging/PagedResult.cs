namespace Pbx.ApiHost.Paging;

/// <summary>One page of a list and the number of rows matching the filter across all pages.</summary>
/// <param name="Total">Rows matching the filter; when <paramref name="TotalIsExact"/> is false, a lower bound (the list stopped counting there).</param>
/// <param name="TotalIsExact">False when <paramref name="Total"/> was capped to keep a large list fast (the call history).</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total, bool TotalIsExact = true);

/// <summary>Builds <see cref="PagedResult{T}"/> from a repository's page.</summary>
public static class PagedResult
{
    /// <summary>The page <paramref name="paging"/> asked for, with the rows and total of <paramref name="rows"/>.</summary>
    public static PagedResult<T> Of<T>(Pbx.Data.RowPage<T> rows, PageQuery paging) => new(rows.Rows, paging.Page, paging.PageSize, rows.Total);
}
