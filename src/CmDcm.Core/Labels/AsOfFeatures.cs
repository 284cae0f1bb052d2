using System.Runtime.InteropServices;
using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// The features of data.md §5, computed as of each click's t_c: only events with timestamp strictly
/// before t_c are seen (not even earlier rows of the same second), so nothing of the click's own
/// outcome leaks into its inputs. Each fill is one sweep over a sorted order with the clicks visited
/// in time order.
/// </summary>
public static class AsOfFeatures
{
    /// <summary>Hour of day, hours until the cycle's promotion, price and discount.</summary>
    public static void FillContext(ClickSamples samples, PromotionCalendar calendar, ItemCatalog? items)
    {
        for (int i = 0; i < samples.Count; i++)
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
    }

    /// <summary>
    /// The user's pv/fav/cart/buy counts and last carted/bought items and categories (newest first).
    /// Needs the samples ordered by user (as the builder makes them) and <see cref="EventOrder.ByUserTime"/>.
    /// </summary>
    public static void FillUserHistory(EventTable events, int[] byUserTime, ClickSamples samples)
    {
        const int K = ClickSamples.SequenceLength;
        var counts = new long[ClickSamples.UserCountFields];
        var cartItems = new long[K];
        var cartCategories = new long[K];
        var buyItems = new long[K];
        var buyCategories = new long[K];
        var clickRows = new List<int>();
        var clickTimes = new List<long>();
        int n = byUserTime.Length, row = 0;
        for (int start = 0; start < n && row < samples.Count;)
        {
            long user = events.User[byUserTime[start]];
            int end = start + 1;
            while (end < n && events.User[byUserTime[end]] == user) end++;
            while (row < samples.Count && samples.User[row] < user) row++;   // clicks of users with no events (cannot happen)

            clickRows.Clear();
            clickTimes.Clear();
            for (; row < samples.Count && samples.User[row] == user; row++) { clickRows.Add(row); clickTimes.Add(samples.ClickTs[row]); }
            if (clickRows.Count > 0)
            {
                var rows = clickRows.ToArray();
                Array.Sort(clickTimes.ToArray(), rows);
                Array.Clear(counts);
                int carts = 0, buys = 0, e = start;
                foreach (int r in rows)
                {
                    long tc = samples.ClickTs[r];
                    for (; e < end && events.Timestamp[byUserTime[e]] < tc; e++)
                    {
                        int ev = byUserTime[e];
                        var behavior = events.Behavior[ev];
                        counts[(int)behavior]++;
                        if (behavior == Behavior.Cart) { cartItems[carts % K] = events.Item[ev]; cartCategories[carts % K] = events.Category[ev]; carts++; }
                        else if (behavior == Behavior.Buy) { buyItems[buys % K] = events.Item[ev]; buyCategories[buys % K] = events.Category[ev]; buys++; }
                    }
                    for (int f = 0; f < counts.Length; f++) samples.UserCounts[r * ClickSamples.UserCountFields + f] = counts[f];
                    CopyNewestFirst(cartItems, carts, samples.CartItems, r * K);
                    CopyNewestFirst(cartCategories, carts, samples.CartCategories, r * K);
                    CopyNewestFirst(buyItems, buys, samples.BuyItems, r * K);
                    CopyNewestFirst(buyCategories, buys, samples.BuyCategories, r * K);
                }
            }
            start = end;
        }
    }

    /// <summary>Global (all users) pv/cart/buy counts of the clicked item and of its category; needs <see cref="EventOrder.ByTime"/>.</summary>
    public static void FillPopularity(EventTable events, int[] byTime, ClickSamples samples)
    {
        var rows = new int[samples.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        Array.Sort(samples.ClickTs[..samples.Count], rows);
        var itemCounts = new Dictionary<long, Popularity>();
        var categoryCounts = new Dictionary<long, Popularity>();
        int e = 0;
        foreach (int r in rows)
        {
            long tc = samples.ClickTs[r];
            for (; e < byTime.Length && events.Timestamp[byTime[e]] < tc; e++)
            {
                int ev = byTime[e];
                var behavior = events.Behavior[ev];
                if (behavior == Behavior.Fav) continue;
                CollectionsMarshal.GetValueRefOrAddDefault(itemCounts, events.Item[ev], out _).Add(behavior);
                CollectionsMarshal.GetValueRefOrAddDefault(categoryCounts, events.Category[ev], out _).Add(behavior);
            }
            itemCounts.TryGetValue(samples.Item[r], out var item);
            categoryCounts.TryGetValue(samples.Category[r], out var category);
            item.CopyTo(samples.ItemCounts, r * ClickSamples.ItemCountFields);
            category.CopyTo(samples.CategoryCounts, r * ClickSamples.ItemCountFields);
        }
    }

    /// <summary>The last min(count, K) entries of a ring buffer, newest first; the rest of the slot stays -1.</summary>
    static void CopyNewestFirst(long[] ring, int count, long[] target, int offset)
    {
        int K = ring.Length;
        for (int k = 0; k < Math.Min(count, K); k++) target[offset + k] = ring[(count - 1 - k) % K];
    }

    struct Popularity
    {
        public int Pv, Cart, Buy;

        public void Add(Behavior behavior)
        {
            if (behavior == Behavior.Pv) Pv++;
            else if (behavior == Behavior.Cart) Cart++;
            else if (behavior == Behavior.Buy) Buy++;
        }

        public readonly void CopyTo(float[] target, int offset)
        {
            target[offset] = Pv;
            target[offset + 1] = Cart;
            target[offset + 2] = Buy;
        }
    }
}
