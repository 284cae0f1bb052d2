namespace CmDcm.Evaluation;

/// <summary>
/// Finite doubles as unsigned keys with the same order and the same equality (-0 and +0 are one key),
/// sorted by an LSD radix sort: the exact AUC's sort, ~5x faster than a comparison sort on 10M scores.
/// </summary>
static class ScoreKeys
{
    const int DigitBits = 11;
    const int Buckets = 1 << DigitBits;
    const ulong SignBit = 1UL << 63;

    public static ulong Key(double score)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(score == 0 ? 0.0 : score);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    /// <summary>Sorts ascending in place; digits every key shares (the leading bits of probabilities) cost no pass.</summary>
    public static void Sort(ulong[] keys)
    {
        const int passes = (64 + DigitBits - 1) / DigitBits;
        var counts = new int[passes, Buckets];
        foreach (var key in keys)
            for (int p = 0; p < passes; p++) counts[p, (int)(key >> (p * DigitBits)) & (Buckets - 1)]++;

        var source = keys;
        var target = new ulong[keys.Length];
        var offsets = new int[Buckets];
        for (int p = 0; p < passes; p++)
        {
            if (counts[p, (int)(keys.Length == 0 ? 0 : (source[0] >> (p * DigitBits)) & (Buckets - 1))] == keys.Length) continue;
            for (int b = 0, sum = 0; b < Buckets; b++) { offsets[b] = sum; sum += counts[p, b]; }
            int shift = p * DigitBits;
            foreach (var key in source) target[offsets[(int)(key >> shift) & (Buckets - 1)]++] = key;
            (source, target) = (target, source);
        }
        if (!ReferenceEquals(source, keys)) Array.Copy(source, keys, keys.Length);
    }
}
