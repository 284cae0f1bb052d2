using System.Diagnostics;
using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>
/// Events -> click samples (data.md §4-5): clicks and labels, as-of features, then the Train/Eval split.
/// Rows come out ordered by (user, item, click time), identical for any thread count.
/// </summary>
public static class ClickSampleBuilder
{
    /// <param name="threads">Threads for labeling and features (1 or more); the result does not depend on it.</param>
    /// <param name="progress">Receives each stage's time and the managed heap size, for `cmdcm labels --verbose`.</param>
    public static ClickSamples Build(EventTable events, PromotionCalendar calendar, ItemCatalog? items, SplitOptions split, int threads = 1, IProgress<string>? progress = null)
    {
        if (threads < 1) throw new InputError($"threads must be at least 1, got {threads}");
        if (calendar.Cycles.Count > byte.MaxValue) throw new InputError($"calendar '{calendar.Name}' has {calendar.Cycles.Count} cycles; at most {byte.MaxValue} are supported");
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        void Stage(string name)
        {
            // CPU time beside wall time: on a shared machine the wall clock mostly measures the other processes.
            // Each stage leaves large temporaries (sort buffers, click chunks) as garbage; collecting them here,
            // before the next stage allocates, keeps the peak near the live data (cheap: a few big arrays).
            GC.Collect();
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            progress?.Report($"  {name,-22} {clock.Elapsed.TotalSeconds,6:F1} s wall, {(now - cpu).TotalSeconds,6:F1} s cpu, managed heap {GC.GetTotalMemory(false) / (1 << 20):N0} MB");
            clock.Restart();
            cpu = now;
        }

        var byUserTime = EventOrder.ByUserTime(events);
        Stage("order by user, time");
        var samples = ClickLabeler.Label(events, calendar, byUserTime, items != null, threads);
        Stage($"{samples.Count:N0} clicks labeled");
        AsOfFeatures.FillContext(samples, calendar, items, threads);
        AsOfFeatures.FillUserHistory(events, byUserTime, samples, threads);
        Stage("user history");
        byUserTime = null;   // let the 100M-entry order go before the popularity sweeps lay out their columns
        AsOfFeatures.FillPopularity(events, samples, threads);
        Stage("popularity");
        SampleSplitter.Assign(samples, split, calendar.Cycles.Count);
        Stage("split");
        return samples;
    }
}
