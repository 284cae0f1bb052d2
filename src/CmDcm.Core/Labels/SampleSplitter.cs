namespace CmDcm.Labels;

/// <summary>
/// Assigns Train/Eval to pre-promotion clicks (regular clicks stay None). The side of a click is a
/// seeded hash of its identity rather than a draw from a running generator, so it does not depend
/// on which other clicks happen to be in the table.
/// </summary>
public static class SampleSplitter
{
    public static void Assign(ClickSamples samples, SplitOptions options, int cycleCount)
    {
        if (!(options.EvalFraction > 0 && options.EvalFraction < 1))
            throw new InputError($"the evaluation fraction must be between 0 and 1, got {options.EvalFraction}");
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples.Period[i] != Period.PrePromotion)
            {
                samples.Split[i] = SampleSplit.None;
                continue;
            }
            bool eval = options.Mode switch
            {
                SplitMode.User => Uniform(Mix(options.Seed ^ Mix((ulong)samples.User[i]))) < options.EvalFraction,
                SplitMode.LastCycle => samples.Cycle[i] == cycleCount - 1,
                _ => ClickDraw(samples, i, options.Seed) < options.EvalFraction,
            };
            samples.Split[i] = eval ? SampleSplit.Eval : SampleSplit.Train;
        }
    }

    /// <summary>
    /// Splits rows (e.g. the training clicks) into a fitting part and a validation part holding about
    /// <paramref name="share"/> of them, by the same kind of seeded per-click hash as the 80/20 split.
    /// </summary>
    public static (int[] Fit, int[] Validation) Carve(ClickSamples samples, int[] rows, ulong seed, double share)
    {
        if (!(share > 0 && share < 1)) throw new InputError($"the validation share must be between 0 and 1, got {share}");
        var fit = new List<int>(rows.Length);
        var validation = new List<int>();
        foreach (var i in rows) (ClickDraw(samples, i, seed) < share ? validation : fit).Add(i);
        return (fit.ToArray(), validation.ToArray());
    }

    /// <summary>A uniform draw in [0, 1) fixed by the seed and the click's identity (user, item, time).</summary>
    static double ClickDraw(ClickSamples samples, int i, ulong seed) =>
        Uniform(Mix(Mix(Mix(seed ^ Mix((ulong)samples.User[i])) ^ (ulong)samples.Item[i]) ^ (ulong)samples.ClickTs[i]));

    /// <summary>SplitMix64 finalizer: a fast bijective mix whose output bits are close to uniform.</summary>
    static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    static double Uniform(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
