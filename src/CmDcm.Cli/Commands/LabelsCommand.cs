using System.Diagnostics;
using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm labels`: events -> click samples with labels, T and the Train/Eval split (data.md §4-5).</summary>
public sealed class LabelsCommand : ICommand
{
    public string Name => "labels";
    public string Summary =>
        "build click samples (labels, ATC treatment, split): --events events.parquet (from `cmdcm ingest`) or --input LOG [--format taobao|tmall-sample], " +
        "--out samples.csv [--calendar taobao] [--split random|user|last-cycle] [--seed N] [--items items.csv] " +
        "[--threads N (default: all cores; the samples do not depend on it)] [--verbose (stage times, memory, a feature checksum)]";

    public int Run(CommandOptions options)
    {
        var eventsPath = options.Text("events");
        var input = options.Text("input");
        var format = options.Text("format");
        var calendar = PromotionCalendar.Load(options.Text("calendar", "taobao"));
        var output = options.Required("out");
        var mode = SplitOptions.ParseMode(options.Text("split", "random"));
        var seed = options.Int("seed", (int)SplitOptions.DefaultSeed);
        var itemsPath = options.Text("items");
        var threads = options.Int("threads", Environment.ProcessorCount);
        bool verbose = options.Flag("verbose");
        options.RejectUnknown();
        if ((eventsPath == null) == (input == null)) throw new InputError("give either --events events.parquet (written by `cmdcm ingest`) or --input LOG with its --format");
        if (eventsPath != null && format != null) throw new InputError("--format applies to --input; --events is always the Parquet events file");
        if (seed < 0) throw new InputError($"--seed must be non-negative, got {seed}");
        if (threads < 1) throw new InputError($"--threads must be at least 1, got {threads}");

        var clock = Stopwatch.StartNew();
        // The raw log goes through the one ingest path (same readers, rejects and window as `cmdcm ingest`).
        var events = eventsPath != null ? EventStore.Read(eventsPath) : EventIngest.Read(input!, format ?? TaobaoReader.FormatName, calendar).Events;
        var progress = verbose ? new Progress(Console.WriteLine) : null;
        progress?.Report($"  {"read events",-22} {clock.Elapsed.TotalSeconds,6:F1} s wall, {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,6:F1} s cpu, managed heap {GC.GetTotalMemory(false) / (1 << 20):N0} MB");
        var items = itemsPath == null ? null : ItemCatalog.Read(itemsPath);
        var samples = ClickSampleBuilder.Build(events, calendar, items, new SplitOptions(mode, (ulong)seed), threads, progress);
        var written = Stopwatch.StartNew();
        SamplesCsv.Write(samples, output);
        if (verbose) Console.WriteLine($"  feature checksum       {FeatureChecksum(samples):X16} (equal for any --threads)");
        var process = Process.GetCurrentProcess();
        progress?.Report($"  {"write samples",-22} {written.Elapsed.TotalSeconds,6:F1} s wall; in all {process.TotalProcessorTime.TotalSeconds:F1} s cpu, peak working set {process.PeakWorkingSet64 / (1 << 20):N0} MB");

        var counts = LabelSummary.Of(samples);
        Console.WriteLine($"{events.Count:N0} events in the calendar window -> {samples.Count:N0} clicks ({counts.RegularClicks:N0} regular, {counts.PrePromotionClicks:N0} pre-promotion)");
        Console.WriteLine($"pre-promotion: {counts.Direct:N0} direct, {counts.Delayed:N0} delayed conversions, {counts.AddedToCart:N0} with ATC; split {SplitOptions.Name(mode)} seed {seed}: {counts.Train:N0} train / {counts.Eval:N0} eval");
        Console.WriteLine($"wrote {output} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>A hash of the as-of features (the CSV holds only labels), to compare runs at full scale.</summary>
    static ulong FeatureChecksum(ClickSamples samples)
    {
        ulong hash = 14695981039346656037UL;
        void Mix(long value) => hash = (hash ^ (ulong)value) * 1099511628211UL;
        void MixAll(float[] column) { foreach (var v in column) Mix(BitConverter.SingleToInt32Bits(v)); }
        MixAll(samples.UserCounts);
        MixAll(samples.ItemCounts);
        MixAll(samples.CategoryCounts);
        MixAll(samples.HoursToPromotion);
        for (int i = 0; i < samples.Count; i++)
        {
            Mix(samples.HourOfDay[i]);
            Mix(samples.Carts.Item(i, 0)); Mix(samples.Carts.Category(i, ClickSamples.SequenceLength - 1));
            Mix(samples.Buys.Item(i, 0)); Mix(samples.Buys.Category(i, ClickSamples.SequenceLength - 1));
        }
        return hash;
    }

    sealed class Progress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}
