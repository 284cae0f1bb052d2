using CmDcm.Evaluation;

namespace CmDcm.Tests;

public class PairedTTestTests
{
    [Theory]
    [InlineData(2.776445105, 4, 0.05)]   // the two-sided 5 % critical value of t with 4 degrees of freedom
    [InlineData(4.604094871, 4, 0.01)]
    [InlineData(1.0, 1, 0.5)]           // Cauchy: P(|t| > 1) = 1/2
    [InlineData(0.0, 4, 1.0)]
    public void PValueOfAKnownTStatistic(double t, int df, double expected)
    {
        double p = PairedTTest.RegularizedIncompleteBeta(df / (df + t * t), df / 2.0, 0.5);
        Assert.Equal(expected, p, 6);
    }

    [Fact]
    public void PairedDifferencesGiveTheTTestP()
    {
        // d = 0.01, 0.02, 0.03, 0.02, 0.02: mean 0.02, sd 0.00707, t = 6.3246, df 4 -> p = 0.003198 (scipy.stats.ttest_rel)
        double[] a = [0.81, 0.82, 0.83, 0.82, 0.82];
        double[] b = [0.80, 0.80, 0.80, 0.80, 0.80];
        Assert.Equal(0.003198, PairedTTest.PValue(a, b), 5);
        Assert.Equal(PairedTTest.PValue(a, b), PairedTTest.PValue(b, a), 12); // two-sided
    }

    [Fact]
    public void TooFewOrConstantPairsHaveNoPValue()
    {
        Assert.True(double.IsNaN(PairedTTest.PValue([0.8], [0.7])));
        Assert.True(double.IsNaN(PairedTTest.PValue([1.0, 2.0], [0.5, 1.5]))); // identical differences: no variance
    }
}
