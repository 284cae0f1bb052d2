namespace CmDcm.Labels;

/// <summary>
/// The last <see cref="ClickSamples.SequenceLength"/> carted (or bought) items and categories of each click's
/// user before the click, newest first, padded with -1. Stored as a window into one shared history (the
/// user's carts in time order) rather than K copies per click: 5 bytes a click instead of 320, which is what
/// lets 50M clicks fit in memory. Selecting rows shares the history.
/// </summary>
public sealed class ClickSequences
{
    int[] historyItems, historyCategories;
    int historyCount;
    readonly int[] end;     // per click: the window is history[end - length .. end), oldest first
    readonly byte[] length;

    public ClickSequences(int clicks)
    {
        end = new int[clicks];
        length = new byte[clicks];
        historyItems = [];
        historyCategories = [];
    }

    ClickSequences(ClickSequences source, int clicks) : this(clicks)
    {
        historyItems = source.historyItems;
        historyCategories = source.historyCategories;
        historyCount = source.historyCount;
    }

    /// <summary>The k-th newest item before the click (k = 0 is the newest), or -1.</summary>
    public long Item(int click, int k) => k < length[click] ? historyItems[end[click] - 1 - k] : -1;

    /// <summary>The k-th newest category before the click, or -1.</summary>
    public long Category(int click, int k) => k < length[click] ? historyCategories[end[click] - 1 - k] : -1;

    /// <summary>Sets one click's sequence (newest first, at most K entries): for hand-made tables.</summary>
    public void Set(int click, ReadOnlySpan<int> itemsNewestFirst, ReadOnlySpan<int> categoriesNewestFirst)
    {
        int count = Math.Min(itemsNewestFirst.Length, ClickSamples.SequenceLength);
        if (categoriesNewestFirst.Length < count) throw new ArgumentException("a category for every item");
        if (historyCount + count > historyItems.Length)
        {
            int capacity = Math.Max(historyItems.Length * 2, historyCount + count + 64);
            Array.Resize(ref historyItems, capacity);
            Array.Resize(ref historyCategories, capacity);
        }
        for (int k = count - 1; k >= 0; k--)
        {
            historyItems[historyCount] = itemsNewestFirst[k];
            historyCategories[historyCount++] = categoriesNewestFirst[k];
        }
        Point(click, historyCount, count);
    }

    /// <summary>Uses a history built elsewhere (the builder's carts or buys, grouped by user in time order).</summary>
    internal void UseHistory(int[] items, int[] categories, int count)
    {
        historyItems = items;
        historyCategories = categories;
        historyCount = count;
    }

    /// <summary>The click's window ends before history[windowEnd] and holds the <paramref name="available"/> newest entries, at most K.</summary>
    internal void Point(int click, int windowEnd, int available)
    {
        end[click] = windowEnd;
        length[click] = (byte)Math.Min(available, ClickSamples.SequenceLength);
    }

    /// <summary>The rows at the given indices, sharing this history.</summary>
    internal ClickSequences Select(IReadOnlyList<int> rows)
    {
        var s = new ClickSequences(this, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            s.end[r] = end[rows[r]];
            s.length[r] = length[rows[r]];
        }
        return s;
    }
}
