using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// Events -> click samples (data.md §4-5): clicks and labels, as-of features, then the Train/Eval split.
/// Rows come out ordered by (user, item, click time).
/// </summary>
public static class ClickSampleBuilder
{
    public static ClickSamples Build(EventTable events, PromotionCalendar calendar, ItemCatalog? items, SplitOptions split)
    {
        var byUserTime = EventOrder.ByUserTime(events);
        var clicks = ClickLabeler.Label(events, calendar, byUserTime);

        var samples = new ClickSamples(clicks.Count, hasPrice: items != null);
        for (int i = 0; i < clicks.Count; i++)
        {
            var c = clicks[i];
            samples.User[i] = c.User; samples.Item[i] = c.Item; samples.Category[i] = c.Category;
            samples.Period[i] = c.Period; samples.Cycle[i] = c.Cycle; samples.ClickTs[i] = c.ClickTs;
            samples.YCvr[i] = c.YCvr; samples.YAtc[i] = c.YAtc; samples.YAll[i] = c.YAll; samples.YDelay[i] = c.YDelay;
            samples.Atc[i] = c.Atc; samples.FirstBuyTs[i] = c.FirstBuyTs;
        }
        clicks = null;

        AsOfFeatures.FillContext(samples, calendar, items);
        AsOfFeatures.FillUserHistory(events, byUserTime, samples);
        byUserTime = null;   // let the 100M-entry order go before the second one is made
        AsOfFeatures.FillPopularity(events, EventOrder.ByTime(events), samples);
        SampleSplitter.Assign(samples, split, calendar.Cycles.Count);
        return samples;
    }
}
