using CmDcm.Evaluation;

namespace CmDcm.Tests;

public class MetricTests
{
    static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0) { yield return []; yield break; }
        foreach (var rest in Permutations(n - 1))
            for (int at = 0; at <= rest.Length; at++)
                yield return [.. rest[..at], n - 1, .. rest[at..]];
    }

    [Fact]
    public void AucCountsTiesOneHalfInEveryOrder()
    {
        sbyte[] labels = [0, 1, 1];
        double[] scores = [0.5, 0.9, 0.5];
        int seen = 0;
        foreach (var p in Permutations(3))
        {
            Assert.Equal(0.75, Metrics.Auc(p.Select(i => labels[i]).ToArray(), p.Select(i => scores[i]).ToArray(), "AUC"), 15);
            seen++;
        }
        Assert.Equal(6, seen);
    }

    [Fact]
    public void AucMatchesAKnownScikitLearnValue()
    {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        Assert.Equal(0.75, Metrics.Auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], "AUC"), 15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AucEqualsTheBruteForcePairCount(int seed)
    {
        var random = new Random(seed);
        int n = 700;
        var labels = new sbyte[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = (sbyte)(random.NextDouble() < 0.3 ? 1 : 0);
            scores[i] = random.Next(12) / 11.0;   // few distinct values: many ties
        }
        double pairs = 0, correct = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (labels[i] == 1 && labels[j] == 0)
                {
                    pairs++;
                    correct += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        Assert.True(Math.Abs(correct / pairs - Metrics.Auc(labels, scores, "AUC")) < 1e-12);
    }

    [Fact]
    public void AucOrdersNegativeHugeAndSignedZeroScoresLikeDoubles()
    {
        // The sort works on the scores' bits: signs, magnitudes and -0 == +0 must still order as doubles do.
        double[] values = [-1e300, -2.5, -1e-300, -0.0, 0.0, 1e-300, 0.5, 3, 1e300, double.MaxValue, double.MinValue];
        var random = new Random(11);
        int n = 400;
        var labels = new sbyte[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = (sbyte)(i < 2 ? i : random.Next(2));
            scores[i] = values[random.Next(values.Length)];
        }
        double pairs = 0, correct = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (labels[i] == 1 && labels[j] == 0)
                {
                    pairs++;
                    correct += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        Assert.Equal(correct / pairs, Metrics.Auc(labels, scores, "AUC"), 15);
    }

    [Fact]
    public void AucOfAnEmptyOrOneClassSetIsAnError()
    {
        Assert.Contains("AUC on eval: the set is empty", Assert.Throws<MetricError>(() => Metrics.Auc([], [], "AUC on eval")).Message);
        Assert.Contains("AUC on eval: no positives (0 of 2 rows", Assert.Throws<MetricError>(() => Metrics.Auc([0, 0], [0.1, 0.2], "AUC on eval")).Message);
        Assert.Contains("no negatives", Assert.Throws<MetricError>(() => Metrics.Auc([1, 1], [0.1, 0.2], "AUC on eval")).Message);
        Assert.Throws<MetricError>(() => Metrics.Auc([1, 0], [0.1, double.NaN], "AUC on eval"));
        Assert.Throws<MetricError>(() => Metrics.Auc([1, -1], [0.1, 0.2], "AUC on eval"));
    }

    [Fact]
    public void NllClampsProbabilities()
    {
        Assert.Equal(12.261859, Metrics.Nll([1, 0, 1, 0], [0, 1, 1e-300, 0.5], "NLL"), 1e-6);
        Assert.Equal(Math.Log(2), Metrics.Nll([1, 0], [0.5, 0.5], "NLL"), 15);
        Assert.Throws<MetricError>(() => Metrics.Nll([1], [1.5], "NLL"));
    }

    [Fact]
    public void AveragePrecisionFollowsScikitLearn()
    {
        // Thresholds 0.9, 0.8, 0.7 (two tied rows), 0.1: (1/3)(1) + 0 + (2/3)(3/4) + 0 = 5/6.
        Assert.Equal(5.0 / 6, Metrics.AveragePrecision([1, 0, 1, 1, 0], [0.9, 0.8, 0.7, 0.7, 0.1], "PR-AUC"), 15);
        // One tied threshold: precision at full recall, the positive rate.
        Assert.Equal(0.5, Metrics.AveragePrecision([1, 0, 0, 1], [0.5, 0.5, 0.5, 0.5], "PR-AUC"), 15);
        Assert.Throws<MetricError>(() => Metrics.AveragePrecision([0, 0], [0.5, 0.5], "PR-AUC"));
    }

    [Fact]
    public void CalibrationIsMeanPredictionOverObservedRate()
    {
        Assert.Equal(0.6, Metrics.Calibration([0, 1], [0.2, 0.4], "calibration"), 15);
    }

    [Fact]
    public void DelayMetricsLeaveDirectConversionsOutOfAucDelay()
    {
        // Clicks: 2 delayed, 1 direct (with the top p_delay: it must not count), 3 non-conversions.
        sbyte[] yAll = [1, 1, 1, 0, 0, 0];
        sbyte[] yDelay = [1, 1, 0, 0, 0, 0];
        double[] pDelay = [0.6, 0.2, 0.99, 0.3, 0.1, 0.05];
        double[] pAll = [0.8, 0.7, 0.9, 0.1, 0.75, 0.2];
        var m = DelayMetrics.Compute(yAll, yDelay, pDelay, pAll);
        Assert.Equal(5.0 / 6, m.AucDelay, 15);   // 0.6 beats all three; 0.2 beats 0.1 and 0.05
        Assert.Equal(8.0 / 9, m.AucAll, 15);
        Assert.Equal(Metrics.Nll(yDelay, pDelay, "NLL"), m.NllDelay, 15);
        Assert.Equal(Metrics.AveragePrecision([1, 1, 0, 0, 0], [0.6, 0.2, 0.3, 0.1, 0.05], "PR"), m.PrAucDelay, 15);
        Assert.Equal((0.6 + 0.2 + 0.99 + 0.3 + 0.1 + 0.05) / 2, m.CalibrationDelay, 12);
        Assert.Equal((6, 2, 1), (m.Clicks, m.DelayedConversions, m.DirectConversions));

        var json = m.ToJson();
        Assert.Contains("\"auc_delay\"", json);
        Assert.Equal(m, DelayMetrics.FromJson(json));
    }

    [Fact]
    public void DelayMetricsWithoutDelayedConversionsNameTheSet()
    {
        var error = Assert.Throws<MetricError>(() => DelayMetrics.Compute([1, 0, 0, 0], [0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], "eval"));
        Assert.Equal("AUC_delay on eval: no positives (0 of 4 clicks are delayed conversions)", error.Message);
    }
}
