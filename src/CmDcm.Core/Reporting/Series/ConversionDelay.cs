using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Reporting;

/// <summary>How many converted clicks bought after a given number of days (0 = the click's own Beijing day).</summary>
public sealed record DelayBin(int Days, long Clicks);

/// <summary>The click-to-purchase delay histogram over labelled clicks.</summary>
public static class ConversionDelay
{
    /// <summary>
    /// Calendar days from each click to its first qualifying buy (<see cref="ClickSamples.FirstBuyTs"/>), for the
    /// clicks that converted, every delay from 0 to the longest present (empty bins as 0).
    /// </summary>
    public static IReadOnlyList<DelayBin> Histogram(ClickSamples samples, Period? period = null)
    {
        var counts = new SortedDictionary<int, long>();
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples.FirstBuyTs[i] < 0 || (period != null && samples.Period[i] != period)) continue;
            int days = (int)(BeijingTime.DayIndex(samples.FirstBuyTs[i]) - BeijingTime.DayIndex(samples.ClickTs[i]));
            counts[days] = counts.GetValueOrDefault(days) + 1;
        }
        if (counts.Count == 0) return [];
        return Enumerable.Range(0, counts.Keys.Max() + 1).Select(d => new DelayBin(d, counts.GetValueOrDefault(d))).ToList();
    }
}
