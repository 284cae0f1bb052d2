using CmDcm.Data;
using CmDcm.Evaluation;

namespace CmDcm.Pipeline;

/// <summary>Everything a reproduction measured: written as results/metrics.json and read back by `cmdcm tables` and the notebooks.</summary>
public sealed record ReproductionReport
{
    public string Dataset { get; init; } = "";
    public string Calendar { get; init; } = "";
    public string Split { get; init; } = "";
    public string Device { get; init; } = "";
    public ClickCounts Clicks { get; init; } = new(0, 0, 0, 0);
    public IReadOnlyList<MethodRun> Runs { get; init; } = [];
    public IngestReport? Ingest { get; init; }
    /// <summary>The α / λ_CM / λ_cf candidates tried on the validation clicks and the one chosen (null: no grid).</summary>
    public GridSearchResult? Grid { get; init; }

    public IEnumerable<string> Methods => Runs.Select(r => r.Method).Distinct();

    /// <summary>Mean and sample standard deviation of a metric over a method's seeds (null when no run had metrics).</summary>
    public (double Mean, double Std, int Runs)? Summary(string method, Func<DelayMetrics, double> metric)
    {
        var values = Runs.Where(r => r.Method == method && r.Metrics != null).Select(r => metric(r.Metrics!)).ToList();
        return values.Count == 0 ? null : (Statistics.Mean(values), Statistics.StandardDeviation(values), values.Count);
    }
}

/// <summary>How many clicks each part of a run had.</summary>
public sealed record ClickCounts(int Total, int Regular, int PrePromotionTrain, int PrePromotionEval);
