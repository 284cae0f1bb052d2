namespace CmDcm.Labels;

/// <summary>
/// A stable least-significant-digit radix sort of row indices by 64-bit keys. Stable means rows with equal
/// keys keep their input order, so sorting the identity order gives (key, row) order without a tie pass.
/// Linear in the rows (a few passes of 11-bit digits; digits every key shares are skipped), where a
/// comparison sort of 100M rows costs ~27 comparisons each.
/// </summary>
public static class RadixSort
{
    const int DigitBits = 11;
    const int Buckets = 1 << DigitBits;

    /// <summary>Sorts <paramref name="order"/> by <paramref name="keys"/> (both permuted together, stably).</summary>
    public static void Sort(ulong[] keys, int[] order, int count)
    {
        ulong differing = 0;
        if (count > 0)
        {
            ulong first = keys[0];
            for (int i = 1; i < count; i++) differing |= keys[i] ^ first;
        }
        if (differing == 0) return;
        int passes = (64 - System.Numerics.BitOperations.LeadingZeroCount(differing) + DigitBits - 1) / DigitBits;

        var keyBuffer = new ulong[count];
        var orderBuffer = new int[count];
        var offsets = new int[Buckets];
        ulong[] fromKeys = keys, toKeys = keyBuffer;
        int[] fromOrder = order, toOrder = orderBuffer;
        for (int pass = 0; pass < passes; pass++)
        {
            int shift = pass * DigitBits;
            if (((differing >> shift) & (Buckets - 1)) == 0) continue; // every key has the same digit here
            Array.Clear(offsets);
            for (int i = 0; i < count; i++) offsets[(int)((fromKeys[i] >> shift) & (Buckets - 1))]++;
            int sum = 0;
            for (int b = 0; b < Buckets; b++) { int c = offsets[b]; offsets[b] = sum; sum += c; }
            for (int i = 0; i < count; i++)
            {
                ulong key = fromKeys[i];
                int at = offsets[(int)((key >> shift) & (Buckets - 1))]++;
                toKeys[at] = key;
                toOrder[at] = fromOrder[i];
            }
            (fromKeys, toKeys) = (toKeys, fromKeys);
            (fromOrder, toOrder) = (toOrder, fromOrder);
        }
        if (!ReferenceEquals(fromKeys, keys))
        {
            Array.Copy(fromKeys, keys, count);
            Array.Copy(fromOrder, order, count);
        }
    }
}
