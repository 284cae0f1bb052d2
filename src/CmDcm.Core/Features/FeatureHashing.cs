namespace CmDcm.Features;

/// <summary>
/// Maps raw ids (up to millions of items) into a fixed number of embedding rows. Row 0 is reserved for
/// padding and missing ids; a 64-bit mix spreads consecutive ids over the buckets.
/// </summary>
public static class FeatureHashing
{
    public static long Bucket(long id, int buckets)
    {
        if (id < 0) return 0;
        ulong z = (ulong)id + 0x9E3779B97F4A7C15UL; // SplitMix64 finaliser
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return 1 + (long)(z % (ulong)(buckets - 1));
    }
}
