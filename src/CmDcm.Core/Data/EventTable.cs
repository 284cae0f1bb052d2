namespace CmDcm.Data;

/// <summary>
/// Canonical events, column by column, in file order (row index = stable order within a second).
/// Columns of 32-bit ids and seconds instead of objects: 100M events cost 17 bytes each (1.7 GB) and no
/// per-row allocation. The public logs' ids and times fit easily (Taobao ids &lt; 6M, times &lt; 2038); a value
/// that does not is refused with a clear error rather than silently widened (docs/decisions.md).
/// </summary>
public sealed class EventTable
{
    public int[] User { get; private set; }
    public int[] Item { get; private set; }
    /// <summary>-1 = unknown (a Tmall product-table join miss).</summary>
    public int[] Category { get; private set; }
    public Behavior[] Behavior { get; private set; }
    public int[] Timestamp { get; private set; }
    public int Count { get; private set; }

    public EventTable(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        User = new int[capacity];
        Item = new int[capacity];
        Category = new int[capacity];
        Behavior = new Behavior[capacity];
        Timestamp = new int[capacity];
    }

    /// <summary>Whether an event's values fit the table's columns (ids and category -1 .. 2^31-1, time 0 .. 2^31-1).</summary>
    public static bool Fits(long user, long item, long category, long timestamp) =>
        (ulong)user <= int.MaxValue && (ulong)item <= int.MaxValue && category >= -1 && category <= int.MaxValue && (ulong)timestamp <= int.MaxValue;

    public void Add(long user, long item, long category, Behavior behavior, long timestamp)
    {
        if (!Fits(user, item, category, timestamp))
            throw new InputError($"event (user {user}, item {item}, category {category}, time {timestamp}) does not fit the event table's 32-bit columns");
        if (Count == User.Length) Grow();
        User[Count] = (int)user;
        Item[Count] = (int)item;
        Category[Count] = (int)category;
        Behavior[Count] = behavior;
        Timestamp[Count] = (int)timestamp;
        Count++;
    }

    /// <summary>Replaces this table's rows with rows [start, start + count) of <paramref name="source"/> (a reused buffer).</summary>
    public void CopyFrom(EventTable source, int start, int count)
    {
        if (User.Length < count) (User, Item, Category, Behavior, Timestamp) = (new int[count], new int[count], new int[count], new Behavior[count], new int[count]);
        Array.Copy(source.User, start, User, 0, count);
        Array.Copy(source.Item, start, Item, 0, count);
        Array.Copy(source.Category, start, Category, 0, count);
        Array.Copy(source.Behavior, start, Behavior, 0, count);
        Array.Copy(source.Timestamp, start, Timestamp, 0, count);
        Count = count;
    }

    void Grow()
    {
        int capacity = (int)Math.Min(Array.MaxLength, (long)User.Length * 2);
        if (capacity == User.Length) throw new InputError($"more than {Array.MaxLength:N0} events do not fit one event table");
        User = Resize(User, capacity);
        Item = Resize(Item, capacity);
        Category = Resize(Category, capacity);
        Behavior = Resize(Behavior, capacity);
        Timestamp = Resize(Timestamp, capacity);
    }

    static T[] Resize<T>(T[] array, int capacity)
    {
        var copy = new T[capacity];
        Array.Copy(array, copy, array.Length);
        return copy;
    }
}
