namespace CmDcm.Data.Simulation;

/// <summary>
/// The simulator's truth for one pre-promotion click: the realised add-to-cart T (<paramref name="Atc"/>),
/// the potential-outcome probabilities p0 = P(delayed buy | T = 0), p1 = P(delayed buy | T = 1), and the
/// potential outcomes y0, y1 drawn with one shared uniform (common random numbers: y0 ≤ y1). The observed
/// delayed label is y_T unless the click converted directly the same day.
/// </summary>
public readonly record struct ClickTruth(long User, long Item, long ClickTs, bool Atc, double P0, double P1, bool Y0, bool Y1)
{
    /// <summary>The individual causal effect of add-to-cart on delayed purchase probability.</summary>
    public double Effect => P1 - P0;
}
