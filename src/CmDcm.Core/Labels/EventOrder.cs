using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// Row-index orders over an <see cref="EventTable"/>. Ties within a second keep file order (row index),
/// which is the stable order data.md §4 asks for. These orders run over 100M events, so they are stable
/// counting sorts on the columns' value ranges (a calendar window of seconds, dense user ids): linear
/// time and only the order arrays in memory. Ranges too wide for a count table fall back to a radix sort.
/// </summary>
public static class EventOrder
{
    /// <summary>A count table above this many entries (256 MB) is not worth it: radix sort instead.</summary>
    const long CountingRangeLimit = 1 << 26;

    /// <summary>Rows ordered by (timestamp, row).</summary>
    public static int[] ByTime(EventTable events) => ByColumn(events.Timestamp, events.Count);

    /// <summary>Rows ordered by (user, timestamp, row): each user's history is one contiguous block.</summary>
    public static int[] ByUserTime(EventTable events)
    {
        int n = events.Count;
        var byUser = StableSortBy(events.User, ByColumn(events.Timestamp, n), n);
        if (byUser != null) return byUser;
        // Sparse user ids: one radix sort of the packed key (user and time are non-negative 31-bit values).
        var keys = new ulong[n];
        for (int i = 0; i < n; i++) keys[i] = (ulong)(uint)events.User[i] << 32 | (uint)events.Timestamp[i];
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        RadixSort.Sort(keys, order, n);
        return order;
    }

    /// <summary>Indices 0..count-1 ordered by (column value, index).</summary>
    public static int[] ByColumn(int[] column, int count)
    {
        var sorted = StableSortBy(column, null, count);
        if (sorted != null) return sorted;
        var keys = new ulong[count];
        for (int i = 0; i < count; i++) keys[i] = (ulong)((long)column[i] - int.MinValue);
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        RadixSort.Sort(keys, order, count);
        return order;
    }

    /// <summary>
    /// The rows of <paramref name="order"/> (null: 0..n-1) stably reordered by column[row] with a counting sort,
    /// as a new array; null when the column's range is too wide for a count table.
    /// </summary>
    static int[]? StableSortBy(int[] column, int[]? order, int n)
    {
        if (n == 0) return [];
        int min = int.MaxValue, max = int.MinValue;
        for (int i = 0; i < n; i++)
        {
            int v = column[i];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        long range = (long)max - min + 1;
        if (range > CountingRangeLimit) return null;
        var starts = new int[range + 1];
        for (int i = 0; i < n; i++) starts[column[i] - min + 1]++;
        for (long k = 1; k <= range; k++) starts[k] += starts[k - 1];
        var sorted = new int[n];
        for (int i = 0; i < n; i++)
        {
            int row = order == null ? i : order[i];
            sorted[starts[column[row] - min]++] = row;
        }
        return sorted;
    }
}
