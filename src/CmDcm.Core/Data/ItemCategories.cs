namespace CmDcm.Data;

/// <summary>
/// The first category seen for each item, to count items that appear under more than one category.
/// Item ids of the public data are dense (Taobao: up to ~5.2M) and categories fit an int, so the common
/// case is one int array indexed by item (20 MB for Taobao, no hashing in the hot loop); larger item ids
/// or categories fall back to a dictionary. Categories are non-negative ids.
/// </summary>
internal sealed class ItemCategories
{
    const long DenseLimit = 1 << 26;
    // Dense slots: 0 = unseen, category + 1, or one of these markers.
    const int MultiCategory = -1;   // already counted
    const int CategoryInSparse = -2; // the item's category does not fit an int: see `sparse`
    int[] dense = new int[1 << 16];
    readonly Dictionary<long, long> sparse = new();
    readonly HashSet<long> sparseMulti = new();

    public long MultiCategoryItems { get; private set; }

    public void Observe(long item, long category)
    {
        if ((ulong)item >= DenseLimit)
        {
            ObserveSparse(item, category);
            return;
        }
        if (item >= dense.Length) Array.Resize(ref dense, (int)Math.Min(DenseLimit, Math.Max(item + 1, (long)dense.Length * 2)));
        ref int slot = ref dense[item];
        if (slot == MultiCategory) return;
        bool small = (ulong)category < int.MaxValue;
        if (slot == 0)
        {
            if (small) slot = (int)category + 1;
            else { slot = CategoryInSparse; sparse[item] = category; }
        }
        else if (slot == CategoryInSparse)
        {
            if (small || sparse[item] != category) { slot = MultiCategory; MultiCategoryItems++; }
        }
        else if (!small || slot != (int)category + 1) { slot = MultiCategory; MultiCategoryItems++; }
    }

    void ObserveSparse(long item, long category)
    {
        if (!sparse.TryGetValue(item, out long seen)) sparse[item] = category;
        else if (seen != category && sparseMulti.Add(item)) MultiCategoryItems++;
    }
}
