namespace CmDcm.Evaluation;

/// <summary>
/// Exact binary metrics in double precision (evaluation.md). Labels are 0/1; <c>name</c> says which
/// metric on which set (e.g. "AUC_all on eval") so an error names what was being measured.
/// </summary>
public static class Metrics
{
    /// <summary>Probabilities are clamped to [Epsilon, 1 - Epsilon] for the log loss.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>
    /// ROC AUC as the Mann-Whitney statistic: the share of (positive, negative) pairs ranked correctly,
    /// ties counted one half. The positives' and the negatives' scores are sorted apart, then one merge
    /// counts for each distinct positive score the negatives below it and equal to it, in integers.
    /// </summary>
    public static double Auc(ReadOnlySpan<sbyte> labels, ReadOnlySpan<double> scores, string name)
    {
        var (positives, negatives) = Count(labels, scores, name);
        if (positives == 0) throw new MetricError($"{name}: no positives (0 of {labels.Length} rows have label 1)");
        if (negatives == 0) throw new MetricError($"{name}: no negatives (all {labels.Length} rows have label 1)");
        var positive = new ulong[positives];
        var negative = new ulong[negatives];
        for (int i = 0, p = 0, n = 0; i < labels.Length; i++)
            if (labels[i] == 1) positive[p++] = ScoreKeys.Key(scores[i]); else negative[n++] = ScoreKeys.Key(scores[i]);
        Parallel.Invoke(() => ScoreKeys.Sort(positive), () => ScoreKeys.Sort(negative));

        long twiceCorrectPairs = 0;   // 2 per pair ranked correctly, 1 per tie: exact up to 2^62 pairs
        for (int i = 0, below = 0; i < positive.Length;)
        {
            ulong score = positive[i];
            int j = i;
            while (j < positive.Length && positive[j] == score) j++;
            while (below < negative.Length && negative[below] < score) below++;
            int equal = below;
            while (equal < negative.Length && negative[equal] == score) equal++;
            twiceCorrectPairs += (long)(j - i) * (2L * below + (equal - below));
            i = j;
        }
        return twiceCorrectPairs / (2.0 * positives * negatives);
    }

    /// <summary>Mean binary cross-entropy (natural log) with probabilities clamped to [1e-7, 1 - 1e-7].</summary>
    public static double Nll(ReadOnlySpan<sbyte> labels, ReadOnlySpan<double> probabilities, string name)
    {
        Count(labels, probabilities, name);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = probabilities[i];
            if (p < 0 || p > 1) throw new MetricError($"{name}: row {i + 1} has probability {p}, outside [0, 1]");
            p = Math.Clamp(p, Epsilon, 1 - Epsilon);
            sum -= labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / labels.Length;
    }

    /// <summary>
    /// PR-AUC as average precision, defined as scikit-learn does: sum over distinct thresholds (high to low,
    /// equal scores one threshold) of (R_n - R_{n-1}) P_n, with R_0 = 0. No interpolation.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<sbyte> labels, ReadOnlySpan<double> scores, string name)
    {
        var (positives, _) = Count(labels, scores, name);
        if (positives == 0) throw new MetricError($"{name}: no positives (0 of {labels.Length} rows have label 1)");
        var (sortedScores, sortedLabels) = SortedAscending(labels, scores);
        double sum = 0, previousRecall = 0;
        long truePositives = 0, predicted = 0;
        for (int i = sortedScores.Length - 1; i >= 0;)
        {
            int j = i;
            for (; j >= 0 && sortedScores[j] == sortedScores[i]; j--)
            {
                predicted++;
                if (sortedLabels[j] == 1) truePositives++;
            }
            double recall = (double)truePositives / positives;
            sum += (recall - previousRecall) * ((double)truePositives / predicted);
            previousRecall = recall;
            i = j;
        }
        return sum;
    }

    /// <summary>Mean prediction / observed positive rate: 1 is calibrated on average, above 1 over-predicts.</summary>
    public static double Calibration(ReadOnlySpan<sbyte> labels, ReadOnlySpan<double> probabilities, string name)
    {
        var (positives, _) = Count(labels, probabilities, name);
        if (positives == 0) throw new MetricError($"{name}: no positives (0 of {labels.Length} rows have label 1), the observed rate is 0");
        double sum = 0;
        foreach (var p in probabilities) sum += p;
        return sum / positives;
    }

    /// <summary>Positives and negatives, after checking the set is non-empty, the lengths match, labels are 0/1 and scores are numbers.</summary>
    internal static (long Positives, long Negatives) Count(ReadOnlySpan<sbyte> labels, ReadOnlySpan<double> scores, string name)
    {
        if (labels.Length != scores.Length) throw new MetricError($"{name}: {labels.Length} labels but {scores.Length} scores");
        if (labels.Length == 0) throw new MetricError($"{name}: the set is empty");
        long positives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0 or 1)) throw new MetricError($"{name}: row {i + 1} has label {labels[i]}, expected 0 or 1 (-1 means the label does not apply to that click)");
            if (!double.IsFinite(scores[i])) throw new MetricError($"{name}: row {i + 1} has score {scores[i]}");
            positives += labels[i];
        }
        return (positives, labels.Length - positives);
    }

    static (double[] Scores, sbyte[] Labels) SortedAscending(ReadOnlySpan<sbyte> labels, ReadOnlySpan<double> scores)
    {
        var sortedScores = scores.ToArray();
        var sortedLabels = labels.ToArray();
        Array.Sort(sortedScores, sortedLabels);
        return (sortedScores, sortedLabels);
    }
}
