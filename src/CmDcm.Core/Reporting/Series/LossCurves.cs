using CmDcm.Pipeline;

namespace CmDcm.Reporting;

/// <summary>One loss term of one training run, its mean per epoch (epoch 1 first).</summary>
public sealed record LossCurve(string Method, int Seed, string Term, IReadOnlyList<double> PerEpoch);

/// <summary>Loss curves read from a reproduction's run records (results/metrics.json).</summary>
public static class LossCurves
{
    /// <summary>The curves of every run that trained, for one term ("total" by default; null: every term), in run order.</summary>
    public static IReadOnlyList<LossCurve> From(ReproductionReport report, string? term = "total") =>
        report.Runs.Where(r => r.LossCurve.Count > 0)
            .SelectMany(r => r.LossCurve.SelectMany(e => e.Keys).Distinct()
                .Where(t => term == null || t == term)
                .Select(t => new LossCurve(r.Method, r.Seed, t, r.LossCurve.Select(e => e.GetValueOrDefault(t, double.NaN)).ToList())))
            .ToList();
}
