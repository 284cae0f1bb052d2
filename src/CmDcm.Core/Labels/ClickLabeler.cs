using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// Finds the clicks of data.md §4 (the first pv of a (user, item) on a Beijing day, in the regular and
/// pre-promotion periods of every cycle) and labels them from the same user's later events on the item.
/// "At or after t_c" compares timestamps, so a cart or buy in the click's own second counts even when
/// the file lists it before the pv.
/// </summary>
public static class ClickLabeler
{
    /// <summary>
    /// The labeled clicks ordered by (user, item, click time), as sample rows with identity and labels filled;
    /// <paramref name="byUserTime"/> from <see cref="EventOrder.ByUserTime"/>. Users are labeled on
    /// <paramref name="threads"/> threads in contiguous ranges, joined in range order: the same rows for any count.
    /// </summary>
    public static ClickSamples Label(EventTable events, PromotionCalendar calendar, int[] byUserTime, bool hasPrice, int threads = 1)
    {
        // Two passes, counting then writing in place: the sample table is the only copy of 50M clicks.
        var bounds = UserRanges.Split(events, byUserTime, threads);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var counts = new long[threads];
        Parallel.For(0, threads, options, p =>
        {
            var counter = new Counter();
            LabelUsers(events, calendar, byUserTime, bounds[p], bounds[p + 1], ref counter);
            counts[p] = counter.Count;
        });

        long total = counts.Sum();
        if (total > Array.MaxLength) throw new InputError($"{total:N0} clicks do not fit one sample table");
        var samples = new ClickSamples((int)total, hasPrice);
        Parallel.For(0, threads, options, p =>
        {
            var writer = new Writer(events, samples, (int)counts.Take(p).Sum());
            LabelUsers(events, calendar, byUserTime, bounds[p], bounds[p + 1], ref writer);
        });
        return samples;
    }

    /// <summary>Clicks of the users whose events are byUserTime[from..to).</summary>
    static void LabelUsers<TSink>(EventTable events, PromotionCalendar calendar, int[] byUserTime, int from, int to, ref TSink clicks) where TSink : struct, IClickSink
    {
        var keys = new ulong[64];
        var rows = new int[64];
        for (int start = from; start < to;)
        {
            int user = events.User[byUserTime[start]];
            int end = start + 1;
            while (end < to && events.User[byUserTime[end]] == user) end++;

            // The user's events regrouped by item: (item, position in the time-ordered block) keeps time order.
            int m = end - start;
            if (keys.Length < m) { keys = new ulong[m * 2]; rows = new int[m * 2]; }
            for (int k = 0; k < m; k++) keys[k] = (ulong)(uint)events.Item[byUserTime[start + k]] << 32 | (uint)k;
            Array.Sort(keys, 0, m);
            for (int k = 0; k < m; k++) rows[k] = byUserTime[start + (int)(uint)keys[k]];
            for (int g = 0; g < m;)
            {
                int h = g + 1;
                while (h < m && keys[h] >> 32 == keys[g] >> 32) h++;
                LabelItem(events, calendar, rows, g, h, ref clicks);
                g = h;
            }
            start = end;
        }
    }

    /// <summary>Clicks of one (user, item): rows[from..to) are its events in (timestamp, row) order.</summary>
    static void LabelItem<TSink>(EventTable events, PromotionCalendar calendar, int[] rows, int from, int to, ref TSink clicks) where TSink : struct, IClickSink
    {
        var ts = events.Timestamp;
        long lastClickDay = long.MinValue;
        for (int j = from; j < to; j++)
        {
            int row = rows[j];
            if (events.Behavior[row] != Behavior.Pv) continue;
            long tc = ts[row];
            var period = calendar.PeriodOf(tc);
            if (period is not (Period.Regular or Period.PrePromotion)) continue;
            long day = BeijingTime.DayIndex(tc);
            if (day == lastClickDay) continue;   // only the first pv of the day is a click
            lastClickDay = day;

            int cycle = calendar.CycleOf(tc);
            var bounds = calendar.Cycles[cycle];
            long dayEnd = BeijingTime.StartOfDay(tc) + BeijingTime.SecondsPerDay;
            long horizon = period == Period.Regular ? dayEnd : bounds.PromotionEnd;
            long sameDayBuy = -1, promotionBuy = -1;
            bool cart = false;

            int k = j;
            while (k > from && ts[rows[k - 1]] == tc) k--;   // same-second events listed before the pv
            for (; k < to && ts[rows[k]] < horizon; k++)
            {
                long t = ts[rows[k]];
                switch (events.Behavior[rows[k]])
                {
                    case Behavior.Buy when t < dayEnd:
                        if (sameDayBuy < 0) sameDayBuy = t;
                        break;
                    case Behavior.Buy when t >= bounds.PromotionStart:
                        if (promotionBuy < 0) promotionBuy = t;
                        break;
                    case Behavior.Cart when period == Period.Regular ? t < dayEnd : t < bounds.PromotionStart:
                        cart = true;
                        break;
                }
            }

            var click = new LabeledClick { Row = row, Cycle = (byte)cycle, Period = period, YCvr = -1, YAtc = -1, YAll = -1, YDelay = -1, Atc = -1 };
            if (period == Period.Regular)
            {
                click.YCvr = (sbyte)(sameDayBuy >= 0 ? 1 : 0);
                click.YAtc = (sbyte)(cart ? 1 : 0);
                click.FirstBuyTs = (int)sameDayBuy;
            }
            else
            {
                bool direct = sameDayBuy >= 0, delayed = !direct && promotionBuy >= 0;
                click.YAll = (sbyte)(direct || delayed ? 1 : 0);
                click.YDelay = (sbyte)(delayed ? 1 : 0);
                click.Atc = (sbyte)(cart ? 1 : 0);
                click.FirstBuyTs = (int)(direct ? sameDayBuy : promotionBuy);
            }
            clicks.Add(click);
        }
    }

    /// <summary>One click with its labels (paper Table 1); the rest is read from its event row.</summary>
    struct LabeledClick
    {
        public int Row, FirstBuyTs;
        public byte Cycle;
        public Period Period;
        public sbyte YCvr, YAtc, YAll, YDelay, Atc;
    }

    /// <summary>Where the labeling pass puts its clicks (a struct type parameter, so the call is direct).</summary>
    interface IClickSink
    {
        void Add(in LabeledClick click);
    }

    struct Counter : IClickSink
    {
        public long Count;
        public void Add(in LabeledClick click) => Count++;
    }

    /// <summary>Writes clicks into consecutive sample rows from a range's offset.</summary>
    struct Writer(EventTable events, ClickSamples samples, int offset) : IClickSink
    {
        int next = offset;

        public void Add(in LabeledClick c)
        {
            int r = next++, row = c.Row;
            samples.User[r] = events.User[row];
            samples.Item[r] = events.Item[row];
            samples.Category[r] = events.Category[row];
            samples.ClickTs[r] = events.Timestamp[row];
            samples.Period[r] = c.Period;
            samples.Cycle[r] = c.Cycle;
            samples.YCvr[r] = c.YCvr;
            samples.YAtc[r] = c.YAtc;
            samples.YAll[r] = c.YAll;
            samples.YDelay[r] = c.YDelay;
            samples.Atc[r] = c.Atc;
            samples.FirstBuyTs[r] = c.FirstBuyTs;
        }
    }
}
