using CmDcm.Training;

namespace CmDcm.Evaluation;

/// <summary>One (method, seed) run: its metrics on the evaluation clicks (or why there are none) and its cost.</summary>
public sealed record MethodRun(
    string Method,
    int Seed,
    DelayMetrics? Metrics,
    string? NotComputable,
    double TrainSeconds,
    double SamplesPerSecond,
    IReadOnlyList<Dictionary<string, double>> LossCurve,
    EffectCheck? Effect = null);

/// <summary>On the simulator: the effect head's τ(x) against the true effect p1 − p0 of add-to-cart.</summary>
public sealed record EffectCheck(int Clicks, double MeanEstimated, double MeanTrue, double Pearson);
