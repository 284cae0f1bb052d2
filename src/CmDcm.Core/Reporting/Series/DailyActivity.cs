using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Reporting;

/// <summary>One Beijing day of the log: its period and how many events of each behaviour it had.</summary>
public sealed record DayActivity(DateOnly Day, Period Period, long Pv, long Fav, long Cart, long Buy);

/// <summary>Daily behaviour counts over a calendar's window (the paper's Figure 3).</summary>
public static class DailyActivity
{
    /// <summary>
    /// Every day from the calendar's first regular day to its last promotion day, with zero rows for days
    /// without events; events outside the window are left out.
    /// </summary>
    public static IReadOnlyList<DayActivity> Count(EventTable events, PromotionCalendar calendar)
    {
        long first = BeijingTime.DayIndex(calendar.WindowStart);
        int days = (int)(BeijingTime.DayIndex(calendar.WindowEnd - 1) - first + 1);
        var counts = new long[days, 4];
        for (int i = 0; i < events.Count; i++)
        {
            long ts = events.Timestamp[i];
            if (ts < calendar.WindowStart || ts >= calendar.WindowEnd) continue;
            counts[BeijingTime.DayIndex(ts) - first, (int)events.Behavior[i]]++;
        }
        return Enumerable.Range(0, days).Select(d =>
        {
            long start = (first + d) * BeijingTime.SecondsPerDay - BeijingTime.OffsetSeconds;
            return new DayActivity(BeijingTime.Date(start), calendar.PeriodOf(start),
                counts[d, (int)Behavior.Pv], counts[d, (int)Behavior.Fav], counts[d, (int)Behavior.Cart], counts[d, (int)Behavior.Buy]);
        }).ToList();
    }
}
