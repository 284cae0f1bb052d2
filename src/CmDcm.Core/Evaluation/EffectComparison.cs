using CmDcm.Data.Simulation;
using CmDcm.Labels;

namespace CmDcm.Evaluation;

/// <summary>Estimated against true add-to-cart effects for the clicks the simulator knows (one pair per click).</summary>
public sealed record EffectPairs(IReadOnlyList<double> Estimated, IReadOnlyList<double> True);

/// <summary>Clicks grouped by their true effect: the group's mean true and mean estimated effect.</summary>
public sealed record EffectBin(double MeanTrue, double MeanEstimated, int Clicks);

/// <summary>On the simulator: the effect head's τ(x) against the true effect p1 − p0 of each click.</summary>
public static class EffectComparison
{
    /// <summary>τ of <paramref name="rows"/> (aligned: tau[k] belongs to rows[k]) paired with the truth; clicks the truth lacks are skipped.</summary>
    public static EffectPairs Pair(IReadOnlyList<int> rows, ClickSamples samples, IReadOnlyList<double> tau, GroundTruth truth)
    {
        var estimated = new List<double>();
        var actual = new List<double>();
        for (int k = 0; k < rows.Count; k++)
        {
            int i = rows[k];
            if (!truth.TryGet(samples.User[i], samples.Item[i], samples.ClickTs[i], out var t)) continue;
            estimated.Add(tau[k]);
            actual.Add(t.Effect);
        }
        return new EffectPairs(estimated, actual);
    }

    /// <summary>The run record's summary of the pairs (null when no click had a truth).</summary>
    public static EffectCheck? Check(EffectPairs pairs) => pairs.True.Count == 0 ? null
        : new EffectCheck(pairs.True.Count, Statistics.Mean(pairs.Estimated), Statistics.Mean(pairs.True), Statistics.Pearson(pairs.Estimated, pairs.True));

    /// <summary>Pairs sorted by true effect and cut into <paramref name="bins"/> groups of equal count.</summary>
    public static IReadOnlyList<EffectBin> Binned(EffectPairs pairs, int bins = 10)
    {
        var order = Enumerable.Range(0, pairs.True.Count).OrderBy(k => pairs.True[k]).ToArray();
        var result = new List<EffectBin>();
        for (int b = 0; b < bins; b++)
        {
            int from = (int)((long)order.Length * b / bins), to = (int)((long)order.Length * (b + 1) / bins);
            if (to <= from) continue;
            var group = order[from..to];
            result.Add(new EffectBin(group.Average(k => pairs.True[k]), group.Average(k => pairs.Estimated[k]), group.Length));
        }
        return result;
    }
}
