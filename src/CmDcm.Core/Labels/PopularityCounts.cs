using System.Runtime.InteropServices;
using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// Running pv/cart/buy counts per key (an item or a category id, -1 = unknown category). Keys of the public
/// data are dense (Taobao items &lt; 6M), so the counts are one array indexed by key (no hashing in a loop run
/// 100M times); keys above <see cref="DenseLimit"/> use a dictionary instead.
/// </summary>
internal sealed class PopularityCounts
{
    const int DenseLimit = 1 << 24;
    readonly int[]? dense;   // 3 counts per key + 1
    readonly Dictionary<int, (int Pv, int Cart, int Buy)>? sparse;

    PopularityCounts(int maxKey)
    {
        if (maxKey < DenseLimit) dense = new int[3 * (maxKey + 2)];
        else sparse = new();
    }

    public static PopularityCounts For(int[] keys, int count)
    {
        int max = -1;
        for (int i = 0; i < count; i++) if (keys[i] > max) max = keys[i];
        return new PopularityCounts(max);
    }

    public void Add(int key, Behavior behavior)
    {
        int field = behavior switch { Behavior.Pv => 0, Behavior.Cart => 1, Behavior.Buy => 2, _ => -1 };
        if (field < 0) return;
        if (dense != null) dense[3 * (key + 1) + field]++;
        else
        {
            ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(sparse!, key, out _);
            if (field == 0) c.Pv++;
            else if (field == 1) c.Cart++;
            else c.Buy++;
        }
    }

    /// <summary>Writes the key's pv, cart, buy counts (0 for an unseen key or one above every event key).</summary>
    public void CopyTo(int key, float[] target, int offset)
    {
        if (dense != null)
        {
            int at = 3 * (key + 1);
            bool seen = at >= 0 && at + 2 < dense.Length;
            target[offset] = seen ? dense[at] : 0;
            target[offset + 1] = seen ? dense[at + 1] : 0;
            target[offset + 2] = seen ? dense[at + 2] : 0;
            return;
        }
        sparse!.TryGetValue(key, out var c);
        target[offset] = c.Pv;
        target[offset + 1] = c.Cart;
        target[offset + 2] = c.Buy;
    }
}
