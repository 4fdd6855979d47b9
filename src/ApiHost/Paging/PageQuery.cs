using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Paging;

/// <summary>The <c>page</c> (from 1) and <c>pageSize</c> query parameters of every list.</summary>
public sealed record PageQuery(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    // Far beyond any list here, and low enough that page * pageSize stays an int (page=2147483647 once overflowed to a 500).
    public const int MaxPage = 1_000_000;

    /// <summary>Rows to skip in SQL.</summary>
    public int Offset => (Page - 1) * PageSize;

    internal static PageQuery Parse(int? page, int? pageSize, ValidationErrors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        errors.Require(p is >= 1 and <= MaxPage, "page", $"must be between 1 and {MaxPage}.");
        errors.Require(size is >= 1 and <= MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return new PageQuery(Math.Clamp(p, 1, MaxPage), Math.Clamp(size, 1, MaxPageSize));
    }
}
