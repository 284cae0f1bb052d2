using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Reporting;

/// <summary>One click day: its clicks, those bought the same day (direct) and those bought in the promotion (delayed).</summary>
public sealed record DayConversion(DateOnly Day, Period Period, int Clicks, int Direct, int Delayed)
{
    public double DirectRate => Clicks == 0 ? 0 : (double)Direct / Clicks;
    public double DelayedRate => Clicks == 0 ? 0 : (double)Delayed / Clicks;
    public double Rate => DirectRate + DelayedRate;
}

/// <summary>Conversion rate by click day, from the labelled clicks (Table 1's labels).</summary>
public static class DailyConversion
{
    /// <summary>
    /// Per Beijing click day, in day order: a regular click is direct when y_cvr = 1; a pre-promotion click is
    /// delayed when y_delay = 1 and direct when it converted the same day (y_all = 1, y_delay = 0).
    /// </summary>
    public static IReadOnlyList<DayConversion> Rates(ClickSamples samples)
    {
        var days = new SortedDictionary<DateOnly, (Period Period, int Clicks, int Direct, int Delayed)>();
        for (int i = 0; i < samples.Count; i++)
        {
            var day = BeijingTime.Date(samples.ClickTs[i]);
            (Period Period, int Clicks, int Direct, int Delayed) d = days.TryGetValue(day, out var seen) ? seen : (samples.Period[i], 0, 0, 0);
            bool delayed = samples.YDelay[i] == 1;
            bool direct = samples.Period[i] == Period.Regular ? samples.YCvr[i] == 1 : samples.YAll[i] == 1 && !delayed;
            days[day] = (d.Period, d.Clicks + 1, d.Direct + (direct ? 1 : 0), d.Delayed + (delayed ? 1 : 0));
        }
        return days.Select(p => new DayConversion(p.Key, p.Value.Period, p.Value.Clicks, p.Value.Direct, p.Value.Delayed)).ToList();
    }
}
