using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmDcm.Evaluation;

/// <summary>
/// The paper's evaluation of a model on pre-promotion clicks (evaluation.md): AUC_delay ranks delayed
/// conversions against non-conversions (direct conversions left out, score p_delay); AUC_all ranks all
/// conversions against non-conversions (score p_all); NLL_delay is over every click. PR-AUC_delay uses the
/// AUC_delay set, calibration_delay every click.
/// </summary>
public sealed record DelayMetrics(
    [property: JsonPropertyName("auc_delay")] double AucDelay,
    [property: JsonPropertyName("auc_all")] double AucAll,
    [property: JsonPropertyName("nll_delay")] double NllDelay,
    [property: JsonPropertyName("pr_auc_delay")] double PrAucDelay,
    [property: JsonPropertyName("calibration_delay")] double CalibrationDelay,
    [property: JsonPropertyName("clicks")] int Clicks,
    [property: JsonPropertyName("delayed_conversions")] int DelayedConversions,
    [property: JsonPropertyName("direct_conversions")] int DirectConversions)
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="set">The name of the evaluated set, quoted in errors (e.g. "eval").</param>
    public static DelayMetrics Compute(ReadOnlySpan<sbyte> yAll, ReadOnlySpan<sbyte> yDelay, ReadOnlySpan<double> pDelay, ReadOnlySpan<double> pAll, string set = "eval")
    {
        int n = yAll.Length;
        if (yDelay.Length != n || pDelay.Length != n || pAll.Length != n)
            throw new MetricError($"metrics on {set}: y_all, y_delay, p_delay and p_all have lengths {n}, {yDelay.Length}, {pDelay.Length}, {pAll.Length}");
        if (n == 0) throw new MetricError($"metrics on {set}: no clicks");

        int delayed = 0, direct = 0;
        for (int i = 0; i < n; i++)
        {
            if (yDelay[i] == 1 && yAll[i] != 1) throw new MetricError($"metrics on {set}: click {i + 1} is a delayed conversion with y_all = {yAll[i]}");
            if (yDelay[i] == 1) delayed++;
            else if (yAll[i] == 1) direct++;
        }
        int nonConversions = n - delayed - direct;
        if (delayed == 0) throw new MetricError($"AUC_delay on {set}: no positives (0 of {n} clicks are delayed conversions)");
        if (nonConversions == 0) throw new MetricError($"AUC_delay on {set}: no negatives (0 of {n} clicks are non-conversions)");

        // Delayed conversions vs non-conversions: direct conversions are neither.
        var delaySet = new List<int>(delayed + nonConversions);
        for (int i = 0; i < n; i++) if (yDelay[i] == 1 || yAll[i] == 0) delaySet.Add(i);
        var delayLabels = new sbyte[delaySet.Count];
        var delayScores = new double[delaySet.Count];
        for (int k = 0; k < delaySet.Count; k++) { delayLabels[k] = yDelay[delaySet[k]]; delayScores[k] = pDelay[delaySet[k]]; }

        return new DelayMetrics(
            AucDelay: Metrics.Auc(delayLabels, delayScores, $"AUC_delay on {set}"),
            AucAll: Metrics.Auc(yAll, pAll, $"AUC_all on {set}"),
            NllDelay: Metrics.Nll(yDelay, pDelay, $"NLL_delay on {set}"),
            PrAucDelay: Metrics.AveragePrecision(delayLabels, delayScores, $"PR-AUC_delay on {set}"),
            CalibrationDelay: Metrics.Calibration(yDelay, pDelay, $"calibration_delay on {set}"),
            Clicks: n,
            DelayedConversions: delayed,
            DirectConversions: direct);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    public static DelayMetrics FromJson(string json) =>
        JsonSerializer.Deserialize<DelayMetrics>(json) ?? throw new MetricError("empty metrics JSON");
}
