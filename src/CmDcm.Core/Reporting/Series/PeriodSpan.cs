using CmDcm.Labels;

namespace CmDcm.Reporting;

/// <summary>A run of consecutive days in one period, first and last day included (a shaded band of Figure 3).</summary>
public sealed record PeriodSpan(Period Period, DateOnly First, DateOnly Last)
{
    /// <summary>The runs of consecutive days sharing a period, from days given in day order.</summary>
    public static IReadOnlyList<PeriodSpan> Of(IEnumerable<(DateOnly Day, Period Period)> days)
    {
        var spans = new List<PeriodSpan>();
        foreach (var (day, period) in days)
        {
            if (spans.Count > 0 && spans[^1].Period == period && spans[^1].Last.AddDays(1) == day)
                spans[^1] = spans[^1] with { Last = day };
            else
                spans.Add(new PeriodSpan(period, day, day));
        }
        return spans;
    }
}
