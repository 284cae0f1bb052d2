using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// The features of data.md §5, computed as of each click's t_c: only events with timestamp strictly
/// before t_c are seen (not even earlier rows of the same second), so nothing of the click's own
/// outcome leaks into its inputs. Each fill is one sweep over a sorted order with the clicks visited
/// in time order. Work is split into parts that write disjoint rows, so any thread count gives the same
/// numbers.
/// </summary>
public static class AsOfFeatures
{
    /// <summary>Hour of day, hours until the cycle's promotion, price and discount.</summary>
    public static void FillContext(ClickSamples samples, PromotionCalendar calendar, ItemCatalog? items, int threads = 1)
    {
        int parts = threads * 4;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
        {
            int from = (int)((long)samples.Count * p / parts), to = (int)((long)samples.Count * (p + 1) / parts);
            for (int i = from; i < to; i++)
            {
                long tc = samples.ClickTs[i];
                samples.HourOfDay[i] = (byte)BeijingTime.HourOfDay(tc);
                samples.HoursToPromotion[i] = (calendar.Cycles[samples.Cycle[i]].PromotionStart - tc) / 3600f;
                if (items != null && items.TryGet(samples.Item[i], out var price, out var discount))
                {
                    samples.Price[i] = price;
                    samples.Discount[i] = discount;
                }
            }
        });
    }

    /// <summary>
    /// The user's pv/fav/cart/buy counts and last carted/bought items and categories (newest first).
    /// Needs the samples ordered by user (as the builder makes them) and <see cref="EventOrder.ByUserTime"/>.
    /// </summary>
    public static void FillUserHistory(EventTable events, int[] byUserTime, ClickSamples samples, int threads = 1)
    {
        // Every cart and buy in (user, time) order: the sequences are windows into these two histories.
        var bounds = UserRanges.Split(events, byUserTime, threads);
        var carts = new History();
        var buys = new History();
        var cartsBefore = new int[threads];
        var buysBefore = new int[threads];
        for (int p = 0; p < threads; p++)
        {
            cartsBefore[p] = carts.Count;
            buysBefore[p] = buys.Count;
            for (int e = bounds[p]; e < bounds[p + 1]; e++)
            {
                int ev = byUserTime[e];
                var behavior = events.Behavior[ev];
                if (behavior == Behavior.Cart) carts.Add(events.Item[ev], events.Category[ev]);
                else if (behavior == Behavior.Buy) buys.Add(events.Item[ev], events.Category[ev]);
            }
        }
        samples.Carts.UseHistory(carts.Items, carts.Categories, carts.Count);
        samples.Buys.UseHistory(buys.Items, buys.Categories, buys.Count);

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            FillUsers(events, byUserTime, bounds[p], bounds[p + 1], samples, cartsBefore[p], buysBefore[p]));
    }

    /// <summary>The users whose events are byUserTime[from..to); cart/buy positions start at the given history indices.</summary>
    static void FillUsers(EventTable events, int[] byUserTime, int from, int to, ClickSamples samples, int cartAt, int buyAt)
    {
        Span<int> counts = stackalloc int[ClickSamples.UserCountFields];
        var keys = new ulong[64];
        int row = from < to ? FirstRowOf(samples, events.User[byUserTime[from]]) : samples.Count;
        for (int start = from; start < to && row < samples.Count;)
        {
            int user = events.User[byUserTime[start]];
            int end = start + 1;
            while (end < to && events.User[byUserTime[end]] == user) end++;
            while (row < samples.Count && samples.User[row] < user) row++;   // clicks of users with no events (cannot happen)

            int first = row;
            while (row < samples.Count && samples.User[row] == user) row++;
            int m = row - first;
            int userCarts = cartAt, userBuys = buyAt;
            if (m > 0)
            {
                // The user's clicks in time order; clicks in the same second get the same features.
                if (keys.Length < m) keys = new ulong[m * 2];
                for (int k = 0; k < m; k++) keys[k] = (ulong)(uint)samples.ClickTs[first + k] << 32 | (uint)k;
                Array.Sort(keys, 0, m);
                counts.Clear();
                int e = start;
                for (int k = 0; k < m; k++)
                {
                    int r = first + (int)(uint)keys[k];
                    long tc = samples.ClickTs[r];
                    for (; e < end && events.Timestamp[byUserTime[e]] < tc; e++) Count(events.Behavior[byUserTime[e]], counts, ref cartAt, ref buyAt);
                    for (int f = 0; f < counts.Length; f++) samples.UserCounts[r * ClickSamples.UserCountFields + f] = counts[f];
                    samples.Carts.Point(r, cartAt, cartAt - userCarts);
                    samples.Buys.Point(r, buyAt, buyAt - userBuys);
                }
                for (; e < end; e++) Count(events.Behavior[byUserTime[e]], counts, ref cartAt, ref buyAt);
            }
            else
            {
                for (int e = start; e < end; e++) Count(events.Behavior[byUserTime[e]], counts, ref cartAt, ref buyAt);
            }
            start = end;
        }
    }

    static void Count(Behavior behavior, Span<int> counts, ref int cartAt, ref int buyAt)
    {
        counts[(int)behavior]++;
        if (behavior == Behavior.Cart) cartAt++;
        else if (behavior == Behavior.Buy) buyAt++;
    }

    /// <summary>The first sample row of the user (samples are ordered by user).</summary>
    static int FirstRowOf(ClickSamples samples, int user)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (samples.User[mid] < user) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Global (all users) pv/cart/buy counts of the clicked item and of its category. The item and the category
    /// sweeps are independent, so two threads run one each. Each sweep reads its key and the behavior from
    /// columns laid out in time order, so 100M events stream sequentially instead of via random row lookups.
    /// </summary>
    public static void FillPopularity(EventTable events, ClickSamples samples, int threads = 1)
    {
        var timeline = new TimeOrdered(events);
        var rows = EventOrder.ByColumn(samples.ClickTs, samples.Count);
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => Sweep(timeline, timeline.Items, events.Item, samples.Item, rows, samples, samples.ItemCounts),
            () => Sweep(timeline, timeline.Categories, events.Category, samples.Category, rows, samples, samples.CategoryCounts));
    }

    /// <summary>One key's (item's or category's) pv/cart/buy counts before each click, visiting clicks in time order.</summary>
    static void Sweep(TimeOrdered timeline, int[] keys, int[] eventKeys, int[] sampleKeys, int[] rows, ClickSamples samples, float[] target)
    {
        var counts = PopularityCounts.For(eventKeys, eventKeys.Length);
        int e = 0;
        foreach (int r in rows)
        {
            for (int before = timeline.CountBefore(samples.ClickTs[r]); e < before; e++) counts.Add(keys[e], timeline.Behaviors[e]);
            counts.CopyTo(sampleKeys[r], target, r * ClickSamples.ItemCountFields);
        }
    }

    /// <summary>
    /// Item, category and behavior columns in (time, row) order, built by one counting-sort scatter over the
    /// seconds of the log; <see cref="CountBefore"/> answers "how many events before second t" from the same counts.
    /// </summary>
    sealed class TimeOrdered
    {
        public readonly int[] Items, Categories;
        public readonly Behavior[] Behaviors;
        readonly int[] firstOfSecond;   // position of the first event of each second from min, plus the end
        readonly int min;

        public TimeOrdered(EventTable events)
        {
            int n = events.Count;
            var ts = events.Timestamp;
            int lo = int.MaxValue, hi = int.MinValue;
            for (int i = 0; i < n; i++) { lo = Math.Min(lo, ts[i]); hi = Math.Max(hi, ts[i]); }
            if (n == 0) lo = hi = 0;
            min = lo;
            firstOfSecond = new int[(long)hi - lo + 2];
            for (int i = 0; i < n; i++) firstOfSecond[ts[i] - lo + 1]++;
            for (int k = 1; k < firstOfSecond.Length; k++) firstOfSecond[k] += firstOfSecond[k - 1];
            var next = firstOfSecond[..^1];
            Items = new int[n];
            Categories = new int[n];
            Behaviors = new Behavior[n];
            for (int i = 0; i < n; i++)
            {
                int at = next[ts[i] - lo]++;
                Items[at] = events.Item[i];
                Categories[at] = events.Category[i];
                Behaviors[at] = events.Behavior[i];
            }
        }

        /// <summary>Events with timestamp strictly before <paramref name="t"/>.</summary>
        public int CountBefore(long t) => t <= min ? 0 : t - min >= firstOfSecond.Length ? Items.Length : firstOfSecond[t - min];
    }

    /// <summary>A growable pair of int columns (item, category) of carts or buys.</summary>
    sealed class History
    {
        public int[] Items = new int[1024], Categories = new int[1024];
        public int Count;

        public void Add(int item, int category)
        {
            if (Count == Items.Length)
            {
                Array.Resize(ref Items, Items.Length * 2);
                Array.Resize(ref Categories, Categories.Length * 2);
            }
            Items[Count] = item;
            Categories[Count++] = category;
        }
    }
}
