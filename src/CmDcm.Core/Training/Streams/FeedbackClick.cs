namespace CmDcm.Training.Streams;

/// <summary>
/// One click on the delayed-feedback timeline (baselines.md): click time t_c, first purchase time t_v
/// (-1 if none), and the absolute ends of its observation window c and attribution window W. Both
/// windows are half-open, like the calendar's days: a purchase at t_c + c is delayed, one at t_c + W
/// or later is a negative.
/// </summary>
public readonly record struct FeedbackClick(int Row, long ClickTime, long ConversionTime, long ObservationEnd, long AttributionEnd)
{
    /// <summary>An eventual positive: it converts within the attribution window W.</summary>
    public bool Converts => ConversionTime >= 0 && ConversionTime < AttributionEnd;

    /// <summary>Observed as positive at the end of c.</summary>
    public bool ConvertsWithinObservation => Converts && ConversionTime < ObservationEnd;

    /// <summary>A fake negative at the end of c that converts later, within W.</summary>
    public bool ConvertsAfterObservation => Converts && ConversionTime >= ObservationEnd;
}
