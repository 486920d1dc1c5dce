namespace Accrue.Web.Hosting;

/// <summary>One page of a list and the total number of rows the query matched.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Paging limits shared by every list endpoint: pages are 0-based, at most 200 rows.</summary>
public static class Paging
{
    public const int DefaultSize = 25;
    public const int MaxSize = 200;

    public static (int Page, int Size) Clamp(int? page, int? pageSize) =>
        (Math.Max(0, page ?? 0), Math.Clamp(pageSize ?? DefaultSize, 1, MaxSize));
}
