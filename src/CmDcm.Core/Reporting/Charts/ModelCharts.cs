using System.Globalization;
using CmDcm.Evaluation;
using Plotly.NET;

namespace CmDcm.Reporting.Charts;

/// <summary>Charts of trained models (03-04 and 07): loss curves, gates, the effect head, calibration.</summary>
public static class ModelCharts
{
    /// <summary>Loss per epoch, one line per curve (method, seed, term). Data: <see cref="LossCurves.From"/>.</summary>
    public static GenericChart LossCurves(IReadOnlyList<LossCurve> curves, string title = "Training loss per epoch")
    {
        bool manySeeds = curves.Select(c => c.Seed).Distinct().Count() > 1;
        bool manyTerms = curves.Select(c => c.Term).Distinct().Count() > 1;
        var traces = curves.Select(c => Figure.Trace("scatter",
            ("x", Enumerable.Range(1, c.PerEpoch.Count).ToArray()), ("y", c.PerEpoch.ToArray()), ("mode", "lines+markers"),
            ("name", c.Method + (manySeeds ? $" seed {c.Seed}" : "") + (manyTerms ? $": {c.Term}" : ""))));
        return Figure.Of(traces, title, "epoch", manyTerms ? "loss" : $"{curves.FirstOrDefault()?.Term ?? "total"} loss",
            ("xaxis", new { title = new { text = "epoch" }, dtick = 1 }));
    }

    /// <summary>
    /// Mean personalised gate value per gated layer against user activity (1 = the frozen daily layer passed
    /// unchanged). Data: <see cref="GateActivity.ByUserActivity"/>.
    /// </summary>
    public static GenericChart GatesByActivity(IReadOnlyList<GateGroup> groups, string dataset = "")
    {
        int layers = groups.Count == 0 ? 0 : groups[0].MeanGate.Count;
        var names = GateActivity.LayerNames(layers / 2);
        var x = groups.Select(g => g.MinEvents == g.MaxEvents ? Count(g.MinEvents) : $"{Count(g.MinEvents)}-{Count(g.MaxEvents)}").ToArray();
        var traces = Enumerable.Range(0, layers).Select(l => Figure.Trace("scatter", ("x", x), ("y", groups.Select(g => g.MeanGate[l]).ToArray()),
            ("name", names[l]), ("mode", "lines+markers"), ("line", new { dash = l < layers / 2 ? "solid" : "dot" }),
            ("customdata", groups.Select(g => g.Clicks).ToArray()), ("hovertemplate", "%{y:.3f} over %{customdata} clicks")));
        return Figure.Of(traces, ActivityCharts.Titled("Personalised gate values by user activity", dataset),
            "user's events before the click (groups of about equal size)", "mean gate value (1 = unchanged)",
            ("xaxis", new { title = new { text = "user's events before the click (groups of about equal size)" }, type = "category" }));
    }

    /// <summary>
    /// On the simulator: estimated τ(x) against the true effect p1 − p0 of add-to-cart, a deterministic sample of
    /// the clicks as points, binned means as a line, and the diagonal. Data: <see cref="EffectComparison"/>.
    /// </summary>
    public static GenericChart EffectEstimates(EffectPairs pairs, IReadOnlyList<EffectBin> bins, string method = "CM-DCM", int maxPoints = 3000)
    {
        int step = Math.Max(1, pairs.True.Count / maxPoints);   // every step-th click keeps the page small
        var sample = Enumerable.Range(0, pairs.True.Count).Where(k => k % step == 0).ToArray();
        var all = pairs.True.Concat(pairs.Estimated).DefaultIfEmpty(0).ToArray();
        double lo = all.Min(), hi = all.Max();
        var pearson = Statistics.Pearson(pairs.Estimated, pairs.True);
        return Figure.Of(
            [Figure.Trace("scatter", ("x", sample.Select(k => pairs.True[k]).ToArray()), ("y", sample.Select(k => pairs.Estimated[k]).ToArray()),
                ("mode", "markers"), ("name", sample.Length < pairs.True.Count ? $"clicks (1 in {step})" : "clicks"), ("marker", new { size = 4, opacity = 0.35 })),
             Figure.Trace("scatter", ("x", bins.Select(b => b.MeanTrue).ToArray()), ("y", bins.Select(b => b.MeanEstimated).ToArray()),
                ("mode", "lines+markers"), ("name", "binned mean"), ("line", new { width = 3 })),
             Figure.Trace("scatter", ("x", new[] { lo, hi }), ("y", new[] { lo, hi }), ("mode", "lines"), ("name", "estimated = true"),
                ("line", new { dash = "dash", color = "gray" }))],
            $"{method}: estimated vs true add-to-cart effect on the simulator ({pairs.True.Count} clicks, Pearson {pearson.ToString("0.000", CultureInfo.InvariantCulture)})",
            "true effect p1 − p0", "estimated effect τ(x)");
    }

    /// <summary>Reliability diagram: observed rate against mean prediction per bin, beside the diagonal. Data: <see cref="CalibrationCurve.Bins"/>.</summary>
    public static GenericChart Calibration(IReadOnlyList<CalibrationBin> bins, string what = "p_delay")
    {
        double hi = bins.Select(b => Math.Max(b.MeanPredicted, b.ObservedRate)).DefaultIfEmpty(1).Max();
        return Figure.Of(
            [Figure.Trace("scatter", ("x", bins.Select(b => b.MeanPredicted).ToArray()), ("y", bins.Select(b => b.ObservedRate).ToArray()),
                ("mode", "lines+markers"), ("name", what), ("customdata", bins.Select(b => b.Clicks).ToArray()),
                ("hovertemplate", "predicted %{x:.4f}, observed %{y:.4f} over %{customdata} clicks")),
             Figure.Trace("scatter", ("x", new[] { 0, hi }), ("y", new[] { 0, hi }), ("mode", "lines"), ("name", "perfectly calibrated"),
                ("line", new { dash = "dash", color = "gray" }))],
            $"Calibration of {what} (bins of equal click count)", "mean predicted probability", "observed rate");
    }

    static string Count(double events) => events.ToString("0", CultureInfo.InvariantCulture);
}
