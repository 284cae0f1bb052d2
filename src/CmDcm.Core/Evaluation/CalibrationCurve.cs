namespace CmDcm.Evaluation;

/// <summary>One bin of a reliability diagram: the clicks' mean prediction against their observed positive rate.</summary>
public sealed record CalibrationBin(double MeanPredicted, double ObservedRate, int Clicks);

/// <summary>Binned calibration (predicted vs observed), the curve behind <see cref="Metrics.Calibration"/>'s single ratio.</summary>
public static class CalibrationCurve
{
    /// <summary>
    /// Clicks sorted by prediction and cut into <paramref name="bins"/> bins of equal count (conversion
    /// probabilities crowd near 0, so equal-width bins would leave almost every click in the first);
    /// equal predictions stay in one bin, so a bin can hold more than its share.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> Bins(ReadOnlySpan<sbyte> labels, ReadOnlySpan<double> probabilities, string name, int bins = 10)
    {
        if (bins < 1) throw new MetricError($"{name}: {bins} calibration bins; use at least 1");
        Metrics.Count(labels, probabilities, name);
        var p = probabilities.ToArray();
        var y = labels.ToArray();
        Array.Sort(p, y);
        var result = new List<CalibrationBin>();
        int start = 0;
        for (int b = 1; b <= bins && start < p.Length; b++)
        {
            int end = Math.Max(start + 1, (int)((long)p.Length * b / bins));
            while (end < p.Length && p[end] == p[end - 1]) end++;   // ties never straddle two bins
            double sumP = 0, positives = 0;
            for (int i = start; i < end; i++) { sumP += p[i]; positives += y[i]; }
            result.Add(new CalibrationBin(sumP / (end - start), positives / (end - start), end - start));
            start = end;
        }
        return result;
    }
}
