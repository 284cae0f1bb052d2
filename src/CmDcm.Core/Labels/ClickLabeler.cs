using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>One click with its labels (paper Table 1), before features are attached.</summary>
public struct LabeledClick
{
    public long User, Item, Category, ClickTs, FirstBuyTs;
    public int Row, Cycle;
    public Period Period;
    public sbyte YCvr, YAtc, YAll, YDelay, Atc;
}

/// <summary>
/// Finds the clicks of data.md §4 (the first pv of a (user, item) on a Beijing day, in the regular and
/// pre-promotion periods of every cycle) and labels them from the same user's later events on the item.
/// "At or after t_c" compares timestamps, so a cart or buy in the click's own second counts even when
/// the file lists it before the pv.
/// </summary>
public static class ClickLabeler
{
    /// <summary>The labeled clicks ordered by (user, item, click time); <paramref name="byUserTime"/> from <see cref="EventOrder.ByUserTime"/>.</summary>
    public static List<LabeledClick> Label(EventTable events, PromotionCalendar calendar, int[] byUserTime)
    {
        var clicks = new List<LabeledClick>();
        var itemKeys = new long[64];
        var group = new int[64];
        int n = byUserTime.Length;
        for (int start = 0; start < n;)
        {
            long user = events.User[byUserTime[start]];
            int end = start + 1;
            while (end < n && events.User[byUserTime[end]] == user) end++;

            // The user's events regrouped by item; positions within the time-ordered block keep time order.
            int m = end - start;
            if (itemKeys.Length < m) { itemKeys = new long[m * 2]; group = new int[m * 2]; }
            for (int k = 0; k < m; k++) { itemKeys[k] = events.Item[byUserTime[start + k]]; group[k] = start + k; }
            Array.Sort(itemKeys, group, 0, m);
            for (int g = 0; g < m;)
            {
                int h = g + 1;
                while (h < m && itemKeys[h] == itemKeys[g]) h++;
                Array.Sort(group, g, h - g);
                for (int k = g; k < h; k++) group[k] = byUserTime[group[k]];
                LabelItem(events, calendar, group, g, h, clicks);
                g = h;
            }
            start = end;
        }
        return clicks;
    }

    /// <summary>Clicks of one (user, item): rows[from..to) are its events in (timestamp, row) order.</summary>
    static void LabelItem(EventTable events, PromotionCalendar calendar, int[] rows, int from, int to, List<LabeledClick> clicks)
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

            var click = new LabeledClick
            {
                User = events.User[row],
                Item = events.Item[row],
                Category = events.Category[row],
                ClickTs = tc,
                Row = row,
                Cycle = cycle,
                Period = period,
                YCvr = -1,
                YAtc = -1,
                YAll = -1,
                YDelay = -1,
                Atc = -1,
                FirstBuyTs = -1,
            };
            if (period == Period.Regular)
            {
                click.YCvr = (sbyte)(sameDayBuy >= 0 ? 1 : 0);
                click.YAtc = (sbyte)(cart ? 1 : 0);
                click.FirstBuyTs = sameDayBuy;
            }
            else
            {
                bool direct = sameDayBuy >= 0, delayed = !direct && promotionBuy >= 0;
                click.YAll = (sbyte)(direct || delayed ? 1 : 0);
                click.YDelay = (sbyte)(delayed ? 1 : 0);
                click.Atc = (sbyte)(cart ? 1 : 0);
                click.FirstBuyTs = direct ? sameDayBuy : promotionBuy;
            }
            clicks.Add(click);
        }
    }
}
