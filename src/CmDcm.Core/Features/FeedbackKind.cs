namespace CmDcm.Features;

/// <summary>
/// What a delayed-feedback stream row is known to be when it is emitted (baselines.md, "The delayed-feedback
/// stream"). The delayed-feedback losses weight rows by it; it travels in <see cref="Batch.StreamKind"/>.
/// </summary>
public enum FeedbackKind : byte
{
    /// <summary>IP: the click converted within the observation window c.</summary>
    ImmediatePositive = 0,
    /// <summary>The observed copy labelled 0: a fake negative (converts later) or a real negative, not yet known which.</summary>
    ObservedNegative = 1,
    /// <summary>DP: the duplicate emitted at the purchase time t_v of a click that converted after c, within W.</summary>
    DelayedPositive = 2,
    /// <summary>RN: the window W closed without a conversion (DEFER's duplicate at t_c + W; the auxiliary models' label).</summary>
    RealNegative = 3,
}
