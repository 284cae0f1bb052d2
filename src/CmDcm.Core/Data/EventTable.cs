namespace CmDcm.Data;

/// <summary>
/// Canonical events, column by column, in file order (row index = stable order within a second).
/// Columns instead of objects so that 100M events cost ~33 bytes each and no per-row allocation.
/// </summary>
public sealed class EventTable
{
    public long[] User { get; private set; }
    public long[] Item { get; private set; }
    public long[] Category { get; private set; }
    public Behavior[] Behavior { get; private set; }
    public long[] Timestamp { get; private set; }
    public int Count { get; private set; }

    public EventTable(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        User = new long[capacity];
        Item = new long[capacity];
        Category = new long[capacity];
        Behavior = new Behavior[capacity];
        Timestamp = new long[capacity];
    }

    public void Add(long user, long item, long category, Behavior behavior, long timestamp)
    {
        if (Count == User.Length) Grow();
        User[Count] = user;
        Item[Count] = item;
        Category[Count] = category;
        Behavior[Count] = behavior;
        Timestamp[Count] = timestamp;
        Count++;
    }

    void Grow()
    {
        int capacity = checked(User.Length * 2);
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
