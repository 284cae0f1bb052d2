using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Tests;

/// <summary>The (user, time, row) and (time, row) orders, on dense ids (counting sort) and on sparse ones (the radix fallback).</summary>
public class EventOrderTests
{
    static EventTable Log(int seed, int spread)
    {
        var random = new Random(seed);
        var events = new EventTable();
        for (int i = 0; i < 3000; i++)
            events.Add(random.Next(20) * (long)spread, random.Next(50), 1, Behavior.Pv, random.Next(20) * (long)spread);
        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000_000)]   // ids and times too spread for a count table: the radix sort
    public void OrdersAreStableOnTiesAndMatchASortByKeyThenRow(int spread)
    {
        var events = Log(5, spread);
        var rows = Enumerable.Range(0, events.Count).ToArray();
        var byUserTime = rows.OrderBy(i => events.User[i]).ThenBy(i => events.Timestamp[i]).ThenBy(i => i).ToArray();
        var byTime = rows.OrderBy(i => events.Timestamp[i]).ThenBy(i => i).ToArray();
        Assert.Equal(byUserTime, EventOrder.ByUserTime(events));
        Assert.Equal(byTime, EventOrder.ByTime(events));
    }
}
