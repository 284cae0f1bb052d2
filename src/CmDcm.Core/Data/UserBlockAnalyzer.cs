namespace CmDcm.Data;

/// <summary>What <see cref="UserBlockAnalyzer"/> found in one user's events.</summary>
internal readonly record struct UserBlockFacts(int Duplicates, int SameSecondTies, int BuysWithoutEarlierPv);

/// <summary>
/// The per-user checks of the ingest report on all in-window events of one user (in file order):
/// <list type="bullet">
/// <item>exact duplicates: same item, category, behavior and timestamp; the first in file order is kept;</item>
/// <item>same-second ties: after duplicate removal, the events that share their timestamp with another
/// event of the same user, counting every event except the first of each (user, second) group
/// (so a group of 3 events in one second adds 2);</item>
/// <item>buys without an earlier pv: a buy of an item with no pv of that item by the user at or before the
/// buy's second (a pv in the same second counts as earlier, as the labels treat it, spec data.md §4).</item>
/// </list>
/// Scratch buffers are reused from block to block, so a 100M-row ingest does not allocate per user.
/// </summary>
internal sealed class UserBlockAnalyzer
{
    EventRow[] sorted = new EventRow[256];
    long[] times = new long[256];

    public UserBlockFacts Analyze(ReadOnlySpan<EventRow> block, Span<bool> duplicate)
    {
        if (sorted.Length < block.Length)
        {
            sorted = new EventRow[Math.Max(block.Length, sorted.Length * 2)];
            times = new long[sorted.Length];
        }
        var rows = sorted.AsSpan(0, block.Length);
        block.CopyTo(rows);
        // Item-major order puts exact duplicates next to each other and groups each item's pvs and buys.
        rows.Sort(new ItemMajorOrder());

        int duplicates = 0;
        for (int i = 1; i < rows.Length; i++)
        {
            ref readonly var a = ref rows[i - 1];
            ref readonly var b = ref rows[i];
            if (a.Item == b.Item && a.Category == b.Category && a.Behavior == b.Behavior && a.Timestamp == b.Timestamp)
            {
                duplicate[b.Order] = true; // b comes later in the file than the run's first row
                duplicates++;
            }
        }

        int buysWithoutPv = 0;
        for (int start = 0; start < rows.Length;)
        {
            int end = start + 1;
            while (end < rows.Length && rows[end].Item == rows[start].Item) end++;
            long firstPv = long.MaxValue;
            for (int i = start; i < end; i++)
                if (rows[i].Behavior == Behavior.Pv && rows[i].Timestamp < firstPv) firstPv = rows[i].Timestamp;
            for (int i = start; i < end; i++)
                if (rows[i].Behavior == Behavior.Buy && !duplicate[rows[i].Order] && rows[i].Timestamp < firstPv) buysWithoutPv++;
            start = end;
        }

        int kept = 0;
        foreach (ref readonly var row in block)
            if (!duplicate[row.Order]) times[kept++] = row.Timestamp;
        var keptTimes = times.AsSpan(0, kept);
        keptTimes.Sort();
        int ties = 0;
        for (int i = 1; i < keptTimes.Length; i++)
            if (keptTimes[i] == keptTimes[i - 1]) ties++;

        return new UserBlockFacts(duplicates, ties, buysWithoutPv);
    }

    readonly struct ItemMajorOrder : IComparer<EventRow>
    {
        public int Compare(EventRow x, EventRow y)
        {
            int c = x.Item.CompareTo(y.Item);
            if (c != 0) return c;
            c = x.Category.CompareTo(y.Category);
            if (c != 0) return c;
            c = x.Behavior.CompareTo(y.Behavior);
            if (c != 0) return c;
            c = x.Timestamp.CompareTo(y.Timestamp);
            return c != 0 ? c : x.Order.CompareTo(y.Order);
        }
    }
}
