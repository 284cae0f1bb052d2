using CmDcm.Data;
using CmDcm.Labels;
using static CmDcm.Tests.Timeline;

namespace CmDcm.Tests;

public class FeatureTests
{
    /// <summary>A random log over the Taobao window with few users, items and seconds, so ties and repeats are common.</summary>
    static EventTable RandomLog(int seed, int count)
    {
        var random = new Random(seed);
        var events = new EventTable();
        long start = PromotionCalendar.Load("taobao").WindowStart;
        Behavior[] mix = [Behavior.Pv, Behavior.Pv, Behavior.Pv, Behavior.Pv, Behavior.Fav, Behavior.Cart, Behavior.Cart, Behavior.Buy];
        for (int i = 0; i < count; i++)
        {
            long item = random.Next(30);
            long ts = start + random.Next(9 * 24) * 3600L + random.Next(3) * 1800;   // coarse times: many same-second events
            events.Add(random.Next(8), item, item % 5, mix[random.Next(mix.Length)], ts);
        }
        return events;
    }

    /// <summary>The log without any event at or after t_c, except the click's own pv (which makes the click).</summary>
    static EventTable TruncatedAt(EventTable events, long user, long item, long tc)
    {
        int clickRow = -1;
        for (int i = 0; i < events.Count && clickRow < 0; i++)
            if (events.User[i] == user && events.Item[i] == item && events.Behavior[i] == Behavior.Pv && events.Timestamp[i] == tc) clickRow = i;
        var kept = new EventTable();
        for (int i = 0; i < events.Count; i++)
            if (events.Timestamp[i] < tc || i == clickRow)
                kept.Add(events.User[i], events.Item[i], events.Category[i], events.Behavior[i], events.Timestamp[i]);
        return kept;
    }

    static void AssertSameFeatures(ClickSamples a, int i, ClickSamples b, int j)
    {
        Assert.Equal(a.Category[i], b.Category[j]);
        Assert.Equal(a.Cycle[i], b.Cycle[j]);
        Assert.Equal(a.HourOfDay[i], b.HourOfDay[j]);
        Assert.Equal(a.HoursToPromotion[i], b.HoursToPromotion[j]);
        Assert.Equal(a.HasPrice, b.HasPrice);
        if (a.HasPrice) Assert.Equal((a.Price[i], a.Discount[i]), (b.Price[j], b.Discount[j]));
        Assert.Equal(Slice(a.UserCounts, i, ClickSamples.UserCountFields), Slice(b.UserCounts, j, ClickSamples.UserCountFields));
        Assert.Equal(Slice(a.ItemCounts, i, ClickSamples.ItemCountFields), Slice(b.ItemCounts, j, ClickSamples.ItemCountFields));
        Assert.Equal(Slice(a.CategoryCounts, i, ClickSamples.ItemCountFields), Slice(b.CategoryCounts, j, ClickSamples.ItemCountFields));
        Assert.Equal(Sequence(a.Carts, i, items: true), Sequence(b.Carts, j, items: true));
        Assert.Equal(Sequence(a.Carts, i, items: false), Sequence(b.Carts, j, items: false));
        Assert.Equal(Sequence(a.Buys, i, items: true), Sequence(b.Buys, j, items: true));
        Assert.Equal(Sequence(a.Buys, i, items: false), Sequence(b.Buys, j, items: false));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AnyThreadCountGivesTheSameSamples(int threads)
    {
        var events = RandomLog(11, 4000);
        var calendar = PromotionCalendar.Load("taobao");
        var one = ClickSampleBuilder.Build(events, calendar, null, new SplitOptions(), threads: 1);
        var many = ClickSampleBuilder.Build(events, calendar, null, new SplitOptions(), threads);
        Assert.True(one.Count > 100);
        Assert.Equal(one.Count, many.Count);
        Assert.Equal(one.User, many.User);
        Assert.Equal(one.Item, many.Item);
        Assert.Equal(one.ClickTs, many.ClickTs);
        Assert.Equal(one.FirstBuyTs, many.FirstBuyTs);
        Assert.Equal(one.YAll, many.YAll);
        Assert.Equal(one.YCvr, many.YCvr);
        Assert.Equal(one.Atc, many.Atc);
        Assert.Equal(one.Split, many.Split);
        for (int i = 0; i < one.Count; i++) AssertSameFeatures(one, i, many, i);
    }

    static T[] Slice<T>(T[] array, int row, int width) => array[(row * width)..((row + 1) * width)];

    static long[] Sequence(ClickSequences sequences, int row, bool items) =>
        Enumerable.Range(0, ClickSamples.SequenceLength).Select(k => items ? sequences.Item(row, k) : sequences.Category(row, k)).ToArray();

    static ClickSamples Build(EventTable events, ItemCatalog? items = null) =>
        ClickSampleBuilder.Build(events, PromotionCalendar.Load("taobao"), items, new SplitOptions());

    [Fact]
    public void DeletingEverythingFromTheClickOnLeavesItsFeaturesUnchanged()
    {
        var events = RandomLog(seed: 3, count: 3000);
        var items = new ItemCatalog();
        for (int item = 0; item < 30; item++) items.Set(item, 10 + item, 0.1f * (item % 4));
        var full = Build(events, items);
        Assert.True(full.Count > 100);
        int checkedClicks = 0;
        for (int i = 0; i < full.Count; i += 37)
        {
            var truncated = Build(TruncatedAt(events, full.User[i], full.Item[i], full.ClickTs[i]), items);
            AssertSameFeatures(full, i, truncated, Row(truncated, full.User[i], full.Item[i], full.ClickTs[i]));
            checkedClicks++;
        }
        Assert.True(checkedClicks > 3);
    }

    [Fact]
    public void AnEventOneSecondBeforeTheClickIsCountedButOneInTheSameSecondIsNot()
    {
        long tc = Taobao(11, 30, 10);
        var before = new Timeline()
            .Add(1, 10, Behavior.Pv, tc, category: 7)
            .Add(2, 10, Behavior.Pv, tc, category: 7)        // same second: invisible to user 1's click
            .Add(1, 20, Behavior.Cart, tc, category: 7)
            .Build();
        var after = new Timeline()
            .Add(1, 10, Behavior.Pv, tc, category: 7)
            .Add(2, 10, Behavior.Pv, tc - 1, category: 7)
            .Add(1, 20, Behavior.Cart, tc - 1, category: 7)
            .Build();
        int a = Row(before, 1, 10, tc), b = Row(after, 1, 10, tc);
        Assert.Equal([0f, 0f, 0f, 0f], Slice(before.UserCounts, a, 4));
        Assert.Equal([0f, 0f, 0f], Slice(before.ItemCounts, a, 3));
        Assert.Equal(-1L, before.Carts.Item(a, 0));
        Assert.Equal([0f, 0f, 1f, 0f], Slice(after.UserCounts, b, 4));
        Assert.Equal([1f, 0f, 0f], Slice(after.ItemCounts, b, 3));
        Assert.Equal([1f, 1f, 0f], Slice(after.CategoryCounts, b, 3));
        Assert.Equal(20L, after.Carts.Item(b, 0));
        Assert.Equal(7L, after.Carts.Category(b, 0));
    }

    [Fact]
    public void SequencesHoldTheLastTwentyNewestFirstPaddedWithMinusOne()
    {
        long tc = Taobao(11, 30, 10);
        var timeline = new Timeline();
        for (int k = 0; k < 25; k++) timeline.Add(1, 100 + k, Behavior.Cart, tc - 1000 + k, category: 200 + k);
        timeline.Add(1, 300, Behavior.Buy, tc - 10, category: 3).Add(1, 301, Behavior.Buy, tc - 10, category: 4);
        timeline.Add(1, 10, Behavior.Pv, tc);
        var samples = timeline.Build();
        int r = Row(samples, 1, 10, tc);
        const int K = ClickSamples.SequenceLength;
        Assert.Equal(Enumerable.Range(0, K).Select(k => 124L - k).ToArray(), Sequence(samples.Carts, r, items: true));
        Assert.Equal(Enumerable.Range(0, K).Select(k => 224L - k).ToArray(), Sequence(samples.Carts, r, items: false));
        // Same-second buys: file order decides which is newer.
        Assert.Equal(new long[] { 301, 300 }.Concat(Enumerable.Repeat(-1L, K - 2)).ToArray(), Sequence(samples.Buys, r, items: true));
        Assert.Equal(new long[] { 4, 3 }.Concat(Enumerable.Repeat(-1L, K - 2)).ToArray(), Sequence(samples.Buys, r, items: false));
        Assert.Equal([0f, 0f, 25f, 2f], Slice(samples.UserCounts, r, 4));
    }

    [Fact]
    public void ContextFeaturesComeFromTheClockTheCalendarAndTheCatalog()
    {
        long tc = Taobao(11, 29, 13, 30);
        var items = new ItemCatalog();
        items.Set(10, 99.5f, 0.25f);
        var samples = new Timeline().Add(1, 10, Behavior.Pv, tc).Add(1, 11, Behavior.Pv, tc).Build(items: items);
        Assert.True(samples.HasPrice);
        int r = Row(samples, 1, 10, tc);
        Assert.Equal(13, samples.HourOfDay[r]);
        Assert.Equal(58.5f, samples.HoursToPromotion[r]);
        Assert.Equal(99.5f, samples.Price[r]);
        Assert.Equal(0.25f, samples.Discount[r]);
        Assert.Equal(0f, samples.Price[Row(samples, 1, 11, tc)]);
        Assert.False(new Timeline().Add(1, 10, Behavior.Pv, tc).Build().HasPrice);
    }
}
