namespace Accrue.Engine.Metrics;

/// <summary>Rows gathered in any order, then grouped by partner and sorted by a key within each partner.</summary>
/// <remarks>
/// A counting sort by partner index followed by a sort of each partner's slice: the result is a
/// permutation (<see cref="Grouped.Order"/>) that the caller applies to its payload columns, and
/// offsets such that partner p owns rows [Offsets[p], Offsets[p + 1]).
/// </remarks>
sealed class PartnerRows
{
    readonly List<int> partners = [];
    readonly List<int> keys = [];

    public int Count => partners.Count;

    /// <summary>Adds a row; its index (the order of adding) is what <see cref="Grouped.Order"/> refers to.</summary>
    public void Add(int partner, int key)
    {
        partners.Add(partner);
        keys.Add(key);
    }

    public Grouped Group(int partnerCount)
    {
        var offsets = new int[partnerCount + 1];
        foreach (var p in partners) offsets[p + 1]++;
        for (var p = 0; p < partnerCount; p++) offsets[p + 1] += offsets[p];

        var next = offsets[..^1];
        var order = new int[partners.Count];
        for (var row = 0; row < partners.Count; row++) order[next[partners[row]]++] = row;

        var sortedKeys = new int[order.Length];
        for (var i = 0; i < order.Length; i++) sortedKeys[i] = keys[order[i]];
        Parallel.For(0, partnerCount, p =>
        {
            var length = offsets[p + 1] - offsets[p];
            if (length > 1) Array.Sort(sortedKeys, order, offsets[p], length);
        });
        return new Grouped(offsets, order, sortedKeys);
    }

    public sealed record Grouped(int[] Offsets, int[] Order, int[] Keys)
    {
        public T[] Gather<T>(IReadOnlyList<T> column)
        {
            var result = new T[Order.Length];
            for (var i = 0; i < Order.Length; i++) result[i] = column[Order[i]];
            return result;
        }
    }
}

/// <summary>Days grouped by partner, sorted: how many fall in a window is two binary searches.</summary>
sealed class DayColumn(int[] offsets, int[] days)
{
    public static DayColumn From(PartnerRows rows, int partnerCount)
    {
        var grouped = rows.Group(partnerCount);
        return new DayColumn(grouped.Offsets, grouped.Keys);
    }

    /// <summary>Days of the partner in [from, to); none for a partner without facts (index -1).</summary>
    public int Count(int partner, int from, int to)
    {
        if (partner < 0) return 0;
        var (start, end) = (offsets[partner], offsets[partner + 1]);
        var first = LowerBound(days, start, end, from);
        return LowerBound(days, first, end, to) - first;
    }

    /// <summary>The first position in [start, end) whose day is at or after <paramref name="day"/>.</summary>
    public static int LowerBound(int[] sorted, int start, int end, int day)
    {
        while (start < end)
        {
            var middle = (start + end) >>> 1;
            if (sorted[middle] < day) start = middle + 1; else end = middle;
        }
        return start;
    }
}
