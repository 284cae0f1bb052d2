namespace CmDcm.Training.Streams;

/// <summary>The sample schemes of the four delayed-feedback baselines (baselines.md, "Methods").</summary>
public enum FeedbackScheme
{
    /// <summary>Ktena et al. 2019: every click at t_c as a negative, each positive again at t_v.</summary>
    Fnw,
    /// <summary>Yang et al. 2021: every click at t_c + c with its label then, each delayed positive again at t_v.</summary>
    EsDfm,
    /// <summary>Gu et al. 2021: ES-DFM plus a real-label duplicate at t_c + W of real negatives and immediate positives.</summary>
    Defer,
    /// <summary>Chen et al. 2022: ES-DFM's stream, its rows weighted by kind.</summary>
    Defuse,
}
