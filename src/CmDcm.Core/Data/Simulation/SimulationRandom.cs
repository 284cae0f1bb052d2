namespace CmDcm.Data.Simulation;

/// <summary>
/// A small seeded generator (xoshiro256**, seeded through SplitMix64) owned by the simulator, so a seed
/// gives the same stream on every runtime and machine, and one stream per user keeps the output
/// independent of thread scheduling.
/// </summary>
public sealed class SimulationRandom
{
    ulong s0, s1, s2, s3;
    double? spareNormal;

    public SimulationRandom(long seed, long stream = 0)
    {
        ulong x = unchecked((ulong)seed ^ ((ulong)stream * 0x9E3779B97F4A7C15UL));
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    static ulong SplitMix64(ref ulong x)
    {
        ulong z = unchecked(x += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    public ulong NextULong()
    {
        ulong result = unchecked(ulong.RotateLeft(s1 * 5, 7) * 9);
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    public bool Bernoulli(double p) => NextDouble() < p;

    public double Normal()
    {
        if (spareNormal is double spare)
        {
            spareNormal = null;
            return spare;
        }
        // Box-Muller; 1 - u keeps the logarithm finite.
        double u = 1.0 - NextDouble(), v = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u));
        spareNormal = r * Math.Sin(2 * Math.PI * v);
        return r * Math.Cos(2 * Math.PI * v);
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal()));
        // Knuth: multiply uniforms until the product drops below e^-mean (fine for the small means used here).
        double limit = Math.Exp(-mean), product = NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= NextDouble();
        }
        return k;
    }

    /// <summary>Index i with probability proportional to cumulative[i] - cumulative[i-1] (cumulative is increasing).</summary>
    public int Pick(double[] cumulative)
    {
        double target = NextDouble() * cumulative[^1];
        int index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }
}
