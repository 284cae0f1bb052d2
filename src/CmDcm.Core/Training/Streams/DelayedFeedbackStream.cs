using CmDcm.Features;
using CmDcm.Labels;

namespace CmDcm.Training.Streams;

/// <summary>
/// baselines.md, "The delayed-feedback stream": turns labelled clicks into the time-ordered rows a method
/// trains on, one pass, as they would arrive online. One component for all four methods.
/// </summary>
public static class DelayedFeedbackStream
{
    /// <summary>The stream of a strategy's clicks under a method's scheme, sorted by emit time (stable: ties keep click order).</summary>
    public static StreamRow[] Build(ClickSamples samples, FeedbackStrategy strategy, FeedbackScheme scheme)
    {
        var rows = new List<StreamRow>();
        foreach (int i in strategy.StreamRows(samples)) rows.AddRange(RowsOf(strategy.Click(samples, i), scheme));
        return rows.OrderBy(r => r.EmitTime).ToArray(); // OrderBy is a stable sort
    }

    /// <summary>One click's rows under a scheme, in emission order.</summary>
    public static IEnumerable<StreamRow> RowsOf(FeedbackClick click, FeedbackScheme scheme)
    {
        if (scheme == FeedbackScheme.Fnw)
        {
            // FNW: every click is first seen as a negative at t_c, each positive again at t_v.
            yield return new StreamRow(click.Row, 0, FeedbackKind.ObservedNegative, click.ClickTime);
            if (click.Converts) yield return new StreamRow(click.Row, 1, FeedbackKind.DelayedPositive, click.ConversionTime);
            yield break;
        }

        // ES-DFM, DEFER, DEFUSE: the observed copy waits for c, then a delayed positive is duplicated at t_v.
        yield return click.ConvertsWithinObservation
            ? new StreamRow(click.Row, 1, FeedbackKind.ImmediatePositive, click.ObservationEnd)
            : new StreamRow(click.Row, 0, FeedbackKind.ObservedNegative, click.ObservationEnd);
        if (click.ConvertsAfterObservation)
            yield return new StreamRow(click.Row, 1, FeedbackKind.DelayedPositive, click.ConversionTime);
        else if (scheme == FeedbackScheme.Defer)
        {
            // DEFER: the clicks not duplicated at t_v get their real label at t_c + W, so every click appears twice.
            yield return click.Converts
                ? new StreamRow(click.Row, 1, FeedbackKind.ImmediatePositive, click.AttributionEnd)
                : new StreamRow(click.Row, 0, FeedbackKind.RealNegative, click.AttributionEnd);
        }
    }

    /// <summary>
    /// Each auxiliary-data click once with its final fate (IP, DP or real negative) and eventual label: what
    /// the ES-DFM auxiliary model learns f_dp and f_rn from.
    /// </summary>
    public static StreamRow[] Outcomes(ClickSamples samples, FeedbackStrategy strategy) =>
        strategy.AuxiliaryRows(samples).Select(i => Outcome(strategy.Click(samples, i))).ToArray();

    public static StreamRow Outcome(FeedbackClick click) =>
        click.ConvertsWithinObservation ? new StreamRow(click.Row, 1, FeedbackKind.ImmediatePositive, click.AttributionEnd)
        : click.ConvertsAfterObservation ? new StreamRow(click.Row, 1, FeedbackKind.DelayedPositive, click.AttributionEnd)
        : new StreamRow(click.Row, 0, FeedbackKind.RealNegative, click.AttributionEnd);
}
