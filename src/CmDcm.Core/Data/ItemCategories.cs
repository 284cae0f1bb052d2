namespace CmDcm.Data;

/// <summary>
/// The first category seen for each item, to count items that appear under more than one category.
/// Item ids of the public data are dense (Taobao: up to ~5.2M), so small ids live in an array
/// (no hashing in the hot loop); larger ids fall back to a dictionary. Categories are non-negative ids.
/// </summary>
internal sealed class ItemCategories
{
    const long DenseLimit = 1 << 25;
    const long MultiCategory = -1; // dense slots hold 0 = unseen, category + 1, or MultiCategory once counted
    long[] dense = new long[1 << 16];
    readonly Dictionary<long, long> sparse = new();
    readonly HashSet<long> sparseMulti = new();

    public long MultiCategoryItems { get; private set; }

    public void Observe(long item, long category)
    {
        if ((ulong)item < DenseLimit)
        {
            if (item >= dense.Length) Array.Resize(ref dense, (int)Math.Min(DenseLimit, Math.Max(item + 1, (long)dense.Length * 2)));
            ref long slot = ref dense[item];
            long stored = category + 1;
            if (slot == 0) slot = stored;
            else if (slot != stored && slot != MultiCategory) { slot = MultiCategory; MultiCategoryItems++; }
            return;
        }
        if (!sparse.TryGetValue(item, out long seen)) sparse[item] = category;
        else if (seen != category && sparseMulti.Add(item)) MultiCategoryItems++;
    }
}
