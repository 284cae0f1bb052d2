namespace CmDcm.Evaluation;

/// <summary>
/// Two-sided paired t-test (evaluation.md: CM-DCM against the best baseline, paired by seed):
/// t = mean(d) / (sd(d)/√n), p = I_{ν/(ν+t²)}(ν/2, ½) with ν = n − 1.
/// </summary>
public static class PairedTTest
{
    /// <returns>p, or NaN when there are fewer than two pairs or the differences do not vary.</returns>
    public static double PValue(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired t-test needs equal counts, got {a.Count} and {b.Count}");
        int n = a.Count;
        if (n < 2) return double.NaN;
        var d = a.Zip(b, (x, y) => x - y).ToList();
        double sd = Statistics.StandardDeviation(d);
        if (sd == 0) return double.NaN;
        double t = Statistics.Mean(d) / (sd / Math.Sqrt(n));
        double df = n - 1;
        return RegularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
    }

    /// <summary>I_x(a, b) by the continued fraction of Numerical Recipes §6.4 (Lentz's method).</summary>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
    }

    static double ContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++)
        {
            for (int step = 0; step < 2; step++)
            {
                double numerator = step == 0
                    ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                    : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
                d = 1 + numerator * d;
                d = 1 / (Math.Abs(d) < tiny ? tiny : d);
                c = 1 + numerator / c;
                if (Math.Abs(c) < tiny) c = tiny;
                h *= d * c;
                if (step == 1 && Math.Abs(d * c - 1) < 1e-15) return h;
            }
        }
        return h;
    }

    /// <summary>Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for x > 0.</summary>
    static double LogGamma(double x)
    {
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < 9; i++) sum += g[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
