using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Training.Streams;

/// <summary>
/// "Pre-promotion reuse" (paper §4.1, the _reuse rows of Table 2): the historical pre-promotion clicks; a
/// same-day purchase is an immediate positive (c = end of the click's Beijing day), a promotion-period
/// purchase the delayed positive emitted at its purchase time (W = end of that cycle's promotion).
/// </summary>
public sealed class PrePromotionReuseStrategy(PromotionCalendar calendar) : FeedbackStrategy
{
    public override string Name => "reuse";

    /// <summary>
    /// The reused period is over and every row's label is known when training starts, so its rows are
    /// shuffled: in emit order the stream ends on nothing but promotion-day delayed positives, and one pass
    /// left the model predicting ~0.5 for everything (docs/decisions.md, "Reuse stream order").
    /// </summary>
    public override bool InEmitOrder => false;

    public override int[] StreamRows(ClickSamples samples) =>
        samples.Where(i => samples.Period[i] == Period.PrePromotion && samples.Split[i] == SampleSplit.Train);

    /// <summary>The historical pre-promotion part: its promotion has ended, so its labels are complete.</summary>
    public override int[] AuxiliaryRows(ClickSamples samples) => StreamRows(samples);

    public override FeedbackClick Click(ClickSamples samples, int row)
    {
        long tc = samples.ClickTs[row];
        int cycle = samples.Cycle[row];
        if (cycle < 0 || cycle >= calendar.Cycles.Count)
            throw new InputError($"click {row} is in cycle {cycle}, which calendar '{calendar.Name}' does not have");
        long tv = samples.YAll[row] == 1 ? samples.FirstBuyTs[row] : -1;
        return new FeedbackClick(row, tc, tv, BeijingTime.StartOfDay(tc) + BeijingTime.SecondsPerDay, calendar.Cycles[cycle].PromotionEnd);
    }
}
