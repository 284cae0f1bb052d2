using CmDcm.Labels;

namespace CmDcm.Training.Streams;

/// <summary>
/// Paper §4.1's two ways of training on delayed feedback: which clicks form the stream, each click's
/// t_v, c and W, and the oldest fully-labelled clicks the auxiliary models learn from.
/// </summary>
public abstract class FeedbackStrategy
{
    /// <summary>The Table 2 suffix: "daily" or "reuse".</summary>
    public abstract string Name { get; }

    /// <summary>The clicks the stream is made of, in row order.</summary>
    public abstract int[] StreamRows(ClickSamples samples);

    /// <summary>The oldest fully-labelled clicks: the auxiliary models of ES-DFM, DEFER and DEFUSE train on them.</summary>
    public abstract int[] AuxiliaryRows(ClickSamples samples);

    public abstract FeedbackClick Click(ClickSamples samples, int row);

    /// <summary>
    /// True when the stream is trained on as it arrives (emit-time order); false when it is a finished
    /// period replayed offline, whose rows are shuffled (see <see cref="PrePromotionReuseStrategy"/>).
    /// </summary>
    public virtual bool InEmitOrder => true;

    public static FeedbackStrategy Daily { get; } = new DailyDelayedStrategy();

    public static FeedbackStrategy Reuse(PromotionCalendar calendar) => new PrePromotionReuseStrategy(calendar);
}
