using CmDcm.Evaluation;
using CmDcm.Models;

namespace CmDcm.Pipeline;

/// <summary>
/// model.md §4: α, λ_CM and λ_cf are chosen by a small grid on a validation split carved from the
/// training part (never the evaluation part). Every candidate is CM-DCM with one (α, λ_CM, λ_cf).
/// </summary>
public sealed record HyperparameterGrid
{
    /// <summary>The values tried for each weight; a weight left out (null) keeps the model's own value.</summary>
    public double[]? Alpha { get; init; }
    public double[]? LambdaCm { get; init; }
    public double[]? LambdaCf { get; init; }
    /// <summary>Share of the pre-promotion training clicks held out to score the candidates.</summary>
    public double ValidationShare { get; init; } = 0.2;
    /// <summary>The one seed every candidate trains with, so the choice never depends on which seeds a run asks for.</summary>
    public int Seed { get; init; } = 1;

    public IEnumerable<ModelConfig> Candidates(ModelConfig model) =>
        from alpha in Alpha ?? [model.Alpha]
        from lambdaCm in LambdaCm ?? [model.LambdaCm]
        from lambdaCf in LambdaCf ?? [model.LambdaCf]
        select model with { Alpha = alpha, LambdaCm = lambdaCm, LambdaCf = lambdaCf };
}

/// <summary>One candidate and its metrics on the validation clicks (or why there are none).</summary>
public sealed record GridPoint(double Alpha, double LambdaCm, double LambdaCf, DelayMetrics? Validation, string? NotComputable);

/// <summary>What the grid tried and chose, written to results/ (metrics.json and results.md).</summary>
public sealed record GridSearchResult(int FitClicks, int ValidationClicks, IReadOnlyList<GridPoint> Points, GridPoint Chosen)
{
    public ModelConfig Apply(ModelConfig model) =>
        model with { Alpha = Chosen.Alpha, LambdaCm = Chosen.LambdaCm, LambdaCf = Chosen.LambdaCf };
}
