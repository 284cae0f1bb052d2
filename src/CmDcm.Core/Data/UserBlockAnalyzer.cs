namespace CmDcm.Data;

/// <summary>What <see cref="UserBlockAnalyzer"/> found in one user's events.</summary>
internal readonly record struct UserBlockFacts(int Duplicates, int SameSecondTies, int BuysWithoutEarlierPv);

/// <summary>
/// The per-user checks of the ingest report on all in-window events of one user (in file order):
/// <list type="bullet">
/// <item>exact duplicates: same item, category, behavior and timestamp; the first in file order is kept;</item>
/// <item>same-second ties: after duplicate removal, the events that share their timestamp with an earlier
/// event of the same user, i.e. every event except the first of each (user, second) group
/// (a group of 3 events in one second adds 2);</item>
/// <item>buys without an earlier pv: a buy of an item with no pv of that item by the user at or before the
/// buy's second (a pv in the same second counts as earlier, as the labels treat it, spec data.md §4).</item>
/// </list>
/// Each check is one pass with a small open-addressing hash table sized to the block, so the cost is
/// linear in the rows (no sorting) and the scratch buffers are reused from block to block.
/// </summary>
internal sealed class UserBlockAnalyzer
{
    int[] slots = new int[1024];   // row index + 1; 0 = empty
    long[] values = new long[1024]; // per slot: the earliest pv second of the slot's item
    int mask, shift;

    public UserBlockFacts Analyze(ReadOnlySpan<EventRow> rows, Span<bool> duplicate)
    {
        Prepare(rows.Length);

        int duplicates = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            ref readonly var row = ref rows[i];
            int slot = Slot(Mix(row.Item, row.Timestamp, row.Category, (long)row.Behavior));
            while (true)
            {
                int held = slots[slot];
                if (held == 0) { slots[slot] = i + 1; break; }
                ref readonly var other = ref rows[held - 1];
                if (other.Item == row.Item && other.Timestamp == row.Timestamp && other.Category == row.Category && other.Behavior == row.Behavior)
                {
                    duplicate[i] = true; // the row held in the table came earlier in the file
                    duplicates++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }

        Clear();
        int ties = 0;
        bool anyBuy = false;
        for (int i = 0; i < rows.Length; i++)
        {
            if (duplicate[i]) continue;
            long ts = rows[i].Timestamp;
            anyBuy |= rows[i].Behavior == Behavior.Buy;
            int slot = Slot(Mix(ts, 0, 0, 0));
            while (true)
            {
                int held = slots[slot];
                if (held == 0) { slots[slot] = i + 1; break; }
                if (rows[held - 1].Timestamp == ts) { ties++; break; }
                slot = (slot + 1) & mask;
            }
        }

        int buysWithoutPv = 0;
        if (anyBuy)
        {
            Clear();
            for (int i = 0; i < rows.Length; i++)
            {
                ref readonly var row = ref rows[i];
                if (row.Behavior != Behavior.Pv) continue;
                int slot = FindItem(rows, row.Item);
                if (slots[slot] == 0) { slots[slot] = i + 1; values[slot] = row.Timestamp; }
                else if (row.Timestamp < values[slot]) values[slot] = row.Timestamp;
            }
            for (int i = 0; i < rows.Length; i++)
            {
                if (duplicate[i] || rows[i].Behavior != Behavior.Buy) continue;
                int slot = FindItem(rows, rows[i].Item);
                if (slots[slot] == 0 || values[slot] > rows[i].Timestamp) buysWithoutPv++;
            }
        }
        return new UserBlockFacts(duplicates, ties, buysWithoutPv);
    }

    /// <summary>The slot holding <paramref name="item"/>, or the empty slot where it would go.</summary>
    int FindItem(ReadOnlySpan<EventRow> rows, long item)
    {
        int slot = Slot(Mix(item, 1, 0, 0));
        while (slots[slot] != 0 && rows[slots[slot] - 1].Item != item) slot = (slot + 1) & mask;
        return slot;
    }

    /// <summary>A power-of-two table at most half full.</summary>
    void Prepare(int rows)
    {
        int size = 16;
        while (size < rows * 2) size *= 2;
        if (slots.Length < size)
        {
            slots = new int[size];
            values = new long[size];
        }
        mask = size - 1;
        shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        Clear();
    }

    void Clear() => slots.AsSpan(0, mask + 1).Clear();

    int Slot(ulong hash) => (int)(hash >> shift);

    static ulong Mix(long a, long b, long c, long d)
    {
        ulong h = (ulong)a * 0x9E3779B97F4A7C15UL;
        h = (h ^ (h >> 29) ^ (ulong)b) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 31) ^ (ulong)c ^ ((ulong)d << 56)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 32);
    }
}
