namespace CmDcm.Labels;

/// <summary>
/// One row per click (paper Table 1): identity, labels and the features as of the click time, stored
/// column by column. Labels that do not apply to a period are -1 (regular clicks have y_cvr/y_atc,
/// pre-promotion clicks have y_all/y_delay/atc). Sequences hold the last K items/categories, newest
/// first, padded with -1.
/// </summary>
public sealed class ClickSamples
{
    public const int SequenceLength = 20;
    public const int UserCountFields = 4;     // pv, fav, cart, buy of the user before the click
    public const int ItemCountFields = 3;     // pv, cart, buy of the item (and of the category) before the click

    public int Count { get; }
    public bool HasPrice { get; }

    public long[] User { get; }
    public long[] Item { get; }
    public long[] Category { get; }
    public Period[] Period { get; }
    public int[] Cycle { get; }
    public long[] ClickTs { get; }

    public sbyte[] YCvr { get; }
    public sbyte[] YAtc { get; }
    public sbyte[] YAll { get; }
    public sbyte[] YDelay { get; }
    /// <summary>Treatment T: a cart of the item at or after the click and before the promotion (never a model input).</summary>
    public sbyte[] Atc { get; }
    /// <summary>t_v: time of the first qualifying buy (same day, or promotion period for pre-promotion clicks); -1 if none.</summary>
    public long[] FirstBuyTs { get; }
    public SampleSplit[] Split { get; }

    public byte[] HourOfDay { get; }
    public float[] HoursToPromotion { get; }
    public float[] UserCounts { get; }
    public float[] ItemCounts { get; }
    public float[] CategoryCounts { get; }
    public long[] CartItems { get; }
    public long[] CartCategories { get; }
    public long[] BuyItems { get; }
    public long[] BuyCategories { get; }
    public float[] Price { get; }
    public float[] Discount { get; }

    public ClickSamples(int count, bool hasPrice)
    {
        Count = count;
        HasPrice = hasPrice;
        User = new long[count];
        Item = new long[count];
        Category = new long[count];
        Period = new Period[count];
        Cycle = new int[count];
        ClickTs = new long[count];
        YCvr = Filled<sbyte>(count, -1);
        YAtc = Filled<sbyte>(count, -1);
        YAll = Filled<sbyte>(count, -1);
        YDelay = Filled<sbyte>(count, -1);
        Atc = Filled<sbyte>(count, -1);
        FirstBuyTs = Filled(count, -1L);
        Split = new SampleSplit[count];
        HourOfDay = new byte[count];
        HoursToPromotion = new float[count];
        UserCounts = new float[count * UserCountFields];
        ItemCounts = new float[count * ItemCountFields];
        CategoryCounts = new float[count * ItemCountFields];
        CartItems = Filled(count * SequenceLength, -1L);
        CartCategories = Filled(count * SequenceLength, -1L);
        BuyItems = Filled(count * SequenceLength, -1L);
        BuyCategories = Filled(count * SequenceLength, -1L);
        Price = new float[count];
        Discount = new float[count];
    }

    /// <summary>The rows at the given indices, in that order, as a new table.</summary>
    public ClickSamples Select(IReadOnlyList<int> rows)
    {
        var s = new ClickSamples(rows.Count, HasPrice);
        for (int r = 0; r < rows.Count; r++)
        {
            int i = rows[r];
            s.User[r] = User[i]; s.Item[r] = Item[i]; s.Category[r] = Category[i];
            s.Period[r] = Period[i]; s.Cycle[r] = Cycle[i]; s.ClickTs[r] = ClickTs[i];
            s.YCvr[r] = YCvr[i]; s.YAtc[r] = YAtc[i]; s.YAll[r] = YAll[i]; s.YDelay[r] = YDelay[i];
            s.Atc[r] = Atc[i]; s.FirstBuyTs[r] = FirstBuyTs[i]; s.Split[r] = Split[i];
            s.HourOfDay[r] = HourOfDay[i]; s.HoursToPromotion[r] = HoursToPromotion[i];
            s.Price[r] = Price[i]; s.Discount[r] = Discount[i];
            Array.Copy(UserCounts, i * UserCountFields, s.UserCounts, r * UserCountFields, UserCountFields);
            Array.Copy(ItemCounts, i * ItemCountFields, s.ItemCounts, r * ItemCountFields, ItemCountFields);
            Array.Copy(CategoryCounts, i * ItemCountFields, s.CategoryCounts, r * ItemCountFields, ItemCountFields);
            Array.Copy(CartItems, i * SequenceLength, s.CartItems, r * SequenceLength, SequenceLength);
            Array.Copy(CartCategories, i * SequenceLength, s.CartCategories, r * SequenceLength, SequenceLength);
            Array.Copy(BuyItems, i * SequenceLength, s.BuyItems, r * SequenceLength, SequenceLength);
            Array.Copy(BuyCategories, i * SequenceLength, s.BuyCategories, r * SequenceLength, SequenceLength);
        }
        return s;
    }

    /// <summary>Row indices matching a predicate, in row order.</summary>
    public int[] Where(Func<int, bool> predicate)
    {
        var rows = new List<int>();
        for (int i = 0; i < Count; i++) if (predicate(i)) rows.Add(i);
        return rows.ToArray();
    }

    static T[] Filled<T>(int count, T value)
    {
        var array = new T[count];
        Array.Fill(array, value);
        return array;
    }
}
