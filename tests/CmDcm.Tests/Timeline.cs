using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Tests;

/// <summary>Hand-made event logs in Beijing wall-clock time, for the label, feature and split tests.</summary>
sealed class Timeline
{
    public EventTable Events { get; } = new();

    public static long At(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        BeijingTime.FromLocal(new DateTime(year, month, day, hour, minute, second));

    /// <summary>A moment in the Taobao calendar (Nov 25 - Dec 3 2017).</summary>
    public static long Taobao(int month, int day, int hour, int minute = 0, int second = 0) => At(2017, month, day, hour, minute, second);

    public Timeline Add(long user, long item, Behavior behavior, long ts, long category = 7)
    {
        Events.Add(user, item, category, behavior, ts);
        return this;
    }

    public ClickSamples Build(string calendar = "taobao", SplitOptions? split = null, ItemCatalog? items = null) =>
        ClickSampleBuilder.Build(Events, PromotionCalendar.Load(calendar), items, split ?? new SplitOptions());

    public static int Row(ClickSamples samples, long user, long item, long clickTs)
    {
        for (int i = 0; i < samples.Count; i++)
            if (samples.User[i] == user && samples.Item[i] == item && samples.ClickTs[i] == clickTs) return i;
        throw new InvalidOperationException($"no click of user {user} on item {item} at {clickTs}");
    }
}
