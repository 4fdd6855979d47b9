using Pbx.ApiHost.Problems;

namespace Pbx.ApiHost.Paging;

/// <summary>The <c>page</c> (from 1) and <c>pageSize</c> query parameters of every list.</summary>
public sealed record PageQuery(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Rows to skip in SQL.</summary>
    public int Offset => (Page - 1) * PageSize;

    internal static PageQuery Parse(int? page, int? pageSize, ValidationErrors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        errors.Require(p >= 1, "page", "must be 1 or more.");
        errors.Require(size is >= 1 and <= MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}.");
        return new PageQuery(Math.Max(p, 1), Math.Clamp(size, 1, MaxPageSize));
    }
}
