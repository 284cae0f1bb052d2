using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// Row-index orders over an <see cref="EventTable"/>. Ties within a second keep file order (row index),
/// which is the stable order data.md §4 asks for. Sorting is on primitive keys (no comparer calls),
/// because these orders run over 100M events.
/// </summary>
public static class EventOrder
{
    /// <summary>Rows ordered by (timestamp, row).</summary>
    public static int[] ByTime(EventTable events)
    {
        int n = events.Count;
        var order = Identity(n);
        var keys = events.Timestamp[..n];
        Array.Sort(keys, order);
        SortTiesByRow(keys, order, 0, n);
        return order;
    }

    /// <summary>Rows ordered by (user, timestamp, row): each user's history is one contiguous block.</summary>
    public static int[] ByUserTime(EventTable events)
    {
        int n = events.Count;
        var order = Identity(n);
        var keys = events.User[..n];
        Array.Sort(keys, order);
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            for (int k = start; k < end; k++) keys[k] = events.Timestamp[order[k]];
            Array.Sort(keys, order, start, end - start);
            SortTiesByRow(keys, order, start, end);
            start = end;
        }
        return order;
    }

    static int[] Identity(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }

    /// <summary>Within each run of equal keys, put rows back into file order (Array.Sort is not stable).</summary>
    static void SortTiesByRow(long[] keys, int[] order, int start, int end)
    {
        for (int i = start; i < end;)
        {
            int j = i + 1;
            while (j < end && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i);
            i = j;
        }
    }
}
