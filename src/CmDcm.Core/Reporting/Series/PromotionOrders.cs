using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Reporting;

/// <summary>Promotion-day orders whose item the user first clicked on <paramref name="Day"/>.</summary>
public sealed record ClickDayOrders(DateOnly Day, Period Period, long Orders);

/// <summary>Where promotion-day orders come from: the day of the user's first click on the bought item.</summary>
public sealed record PromotionOrderSources(IReadOnlyList<ClickDayOrders> ByClickDay, long Orders, long WithoutEarlierClick)
{
    /// <summary>Share of all promotion-day orders whose first click fell in a pre-promotion period.</summary>
    public double PrePromotionShare => Orders == 0 ? 0 : (double)ByClickDay.Where(d => d.Period == Period.PrePromotion).Sum(d => d.Orders) / Orders;
}

public static class PromotionOrders
{
    /// <summary>
    /// Every buy in a promotion period, attributed to the Beijing day of the same user's first pv of the item in
    /// that cycle at or before the buy (the first click, as a click sample is the day's first pv); buys with no
    /// such pv are counted apart. Two streaming passes; memory holds only the promotion buys' (user, item) pairs.
    /// </summary>
    public static PromotionOrderSources BySourceDay(EventTable events, PromotionCalendar calendar)
    {
        var buys = new Dictionary<(long User, long Item, int Cycle), List<long>>();
        for (int i = 0; i < events.Count; i++)
        {
            if (events.Behavior[i] != Behavior.Buy || calendar.PeriodOf(events.Timestamp[i]) != Period.Promotion) continue;
            var key = (events.User[i], events.Item[i], calendar.CycleOf(events.Timestamp[i]));
            if (!buys.TryGetValue(key, out var times)) buys[key] = times = [];
            times.Add(events.Timestamp[i]);
        }
        var firstClick = new Dictionary<(long, long, int), long>();
        for (int i = 0; i < events.Count; i++)
        {
            if (events.Behavior[i] != Behavior.Pv) continue;
            int cycle = calendar.CycleOf(events.Timestamp[i]);
            var key = (events.User[i], events.Item[i], cycle);
            if (cycle < 0 || !buys.ContainsKey(key)) continue;
            if (!firstClick.TryGetValue(key, out var ts) || events.Timestamp[i] < ts) firstClick[key] = events.Timestamp[i];
        }
        var byDay = new SortedDictionary<DateOnly, (Period Period, long Orders)>();
        long orders = 0, without = 0;
        foreach (var (key, times) in buys)
            foreach (var buyTs in times)
            {
                orders++;
                if (!firstClick.TryGetValue(key, out var clickTs) || clickTs > buyTs) { without++; continue; }
                var day = BeijingTime.Date(clickTs);
                (Period Period, long Orders) d = byDay.TryGetValue(day, out var seen) ? seen : (calendar.PeriodOf(clickTs), 0);
                byDay[day] = (d.Period, d.Orders + 1);
            }
        return new PromotionOrderSources(byDay.Select(p => new ClickDayOrders(p.Key, p.Value.Period, p.Value.Orders)).ToList(), orders, without);
    }
}
