using CmDcm.Labels;

namespace CmDcm.Training.Streams;

/// <summary>
/// "Daily delayed" (paper §4.1, the plain rows of Table 2): the continuous training days (regular clicks and
/// the historical 80 % of pre-promotion clicks), c = 1 hour, W = 1 day. A purchase a day or more after the
/// click is a negative, so the model never sees promotion-day conversions of earlier clicks.
/// </summary>
public sealed class DailyDelayedStrategy : FeedbackStrategy
{
    public const long ObservationSeconds = 3600;
    public const long AttributionSeconds = 86400;

    public override string Name => "daily";

    public override int[] StreamRows(ClickSamples samples) =>
        samples.Where(i => samples.Period[i] == Period.Regular
            || (samples.Period[i] == Period.PrePromotion && samples.Split[i] == SampleSplit.Train));

    /// <summary>The regular period: the oldest days whose 1-day windows have all closed.</summary>
    public override int[] AuxiliaryRows(ClickSamples samples) => samples.Where(i => samples.Period[i] == Period.Regular);

    public override FeedbackClick Click(ClickSamples samples, int row)
    {
        long tc = samples.ClickTs[row];
        // A regular click keeps t_v only for its same-day buy (y_cvr = 1). A pre-promotion click keeps only its
        // direct (same-day) buy: a promotion-period buy happens after the daily model is trained, so it is a
        // negative here even when it falls within W of the click (otherwise the stream would end on a run of
        // promotion-day positives that no daily model can have seen).
        long tv = samples.Period[row] == Period.Regular
            ? (samples.YCvr[row] == 1 ? samples.FirstBuyTs[row] : -1)
            : (samples.YDelay[row] == 1 ? -1 : samples.FirstBuyTs[row]);
        return new FeedbackClick(row, tc, tv, tc + ObservationSeconds, tc + AttributionSeconds);
    }
}
