namespace CmDcm.Labels;

/// <summary>
/// One row per click (paper Table 1): identity, labels and the features as of the click time, stored
/// column by column. Labels that do not apply to a period are -1 (regular clicks have y_cvr/y_atc,
/// pre-promotion clicks have y_all/y_delay/atc). Ids and times are 32-bit like the event table's; the
/// last-K sequences share one history (<see cref="ClickSequences"/>), so a click costs ~90 bytes, not ~700.
/// </summary>
public sealed class ClickSamples
{
    public const int SequenceLength = 20;
    public const int UserCountFields = 4;     // pv, fav, cart, buy of the user before the click
    public const int ItemCountFields = 3;     // pv, cart, buy of the item (and of the category) before the click

    public int Count { get; }
    public bool HasPrice { get; }

    public int[] User { get; }
    public int[] Item { get; }
    public int[] Category { get; }
    public Period[] Period { get; }
    public byte[] Cycle { get; }
    public int[] ClickTs { get; }

    public sbyte[] YCvr { get; }
    public sbyte[] YAtc { get; }
    public sbyte[] YAll { get; }
    public sbyte[] YDelay { get; }
    /// <summary>Treatment T: a cart of the item at or after the click and before the promotion (never a model input).</summary>
    public sbyte[] Atc { get; }
    /// <summary>t_v: time of the first qualifying buy (same day, or promotion period for pre-promotion clicks); -1 if none.</summary>
    public int[] FirstBuyTs { get; }
    public SampleSplit[] Split { get; }

    public byte[] HourOfDay { get; }
    public float[] HoursToPromotion { get; }
    public float[] UserCounts { get; }
    public float[] ItemCounts { get; }
    public float[] CategoryCounts { get; }
    /// <summary>The user's last carted items and categories before the click, newest first.</summary>
    public ClickSequences Carts { get; private set; }
    /// <summary>The user's last bought items and categories before the click, newest first.</summary>
    public ClickSequences Buys { get; private set; }
    /// <summary>Price and discount of the item; empty arrays when <see cref="HasPrice"/> is false.</summary>
    public float[] Price { get; }
    public float[] Discount { get; }

    public ClickSamples(int count, bool hasPrice)
    {
        Count = count;
        HasPrice = hasPrice;
        User = new int[count];
        Item = new int[count];
        Category = new int[count];
        Period = new Period[count];
        Cycle = new byte[count];
        ClickTs = new int[count];
        YCvr = Filled<sbyte>(count, -1);
        YAtc = Filled<sbyte>(count, -1);
        YAll = Filled<sbyte>(count, -1);
        YDelay = Filled<sbyte>(count, -1);
        Atc = Filled<sbyte>(count, -1);
        FirstBuyTs = Filled(count, -1);
        Split = new SampleSplit[count];
        HourOfDay = new byte[count];
        HoursToPromotion = new float[count];
        UserCounts = new float[count * UserCountFields];
        ItemCounts = new float[count * ItemCountFields];
        CategoryCounts = new float[count * ItemCountFields];
        Carts = new ClickSequences(count);
        Buys = new ClickSequences(count);
        Price = new float[hasPrice ? count : 0];
        Discount = new float[hasPrice ? count : 0];
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
            if (HasPrice) { s.Price[r] = Price[i]; s.Discount[r] = Discount[i]; }
            Array.Copy(UserCounts, i * UserCountFields, s.UserCounts, r * UserCountFields, UserCountFields);
            Array.Copy(ItemCounts, i * ItemCountFields, s.ItemCounts, r * ItemCountFields, ItemCountFields);
            Array.Copy(CategoryCounts, i * ItemCountFields, s.CategoryCounts, r * ItemCountFields, ItemCountFields);
        }
        s.Carts = Carts.Select(rows);
        s.Buys = Buys.Select(rows);
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
