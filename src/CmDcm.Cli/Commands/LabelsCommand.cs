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
        "--out samples.csv [--calendar taobao] [--split random|user|last-cycle] [--seed N] [--items items.csv]";

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
        options.RejectUnknown();
        if ((eventsPath == null) == (input == null)) throw new InputError("give either --events events.parquet (written by `cmdcm ingest`) or --input LOG with its --format");
        if (eventsPath != null && format != null) throw new InputError("--format applies to --input; --events is always the Parquet events file");
        if (seed < 0) throw new InputError($"--seed must be non-negative, got {seed}");

        var clock = Stopwatch.StartNew();
        // The raw log goes through the one ingest path (same readers, rejects and window as `cmdcm ingest`).
        var events = eventsPath != null ? EventStore.Read(eventsPath) : EventIngest.Read(input!, format ?? TaobaoReader.FormatName, calendar).Events;
        var items = itemsPath == null ? null : ItemCatalog.Read(itemsPath);
        var samples = ClickSampleBuilder.Build(events, calendar, items, new SplitOptions(mode, (ulong)seed));
        SamplesCsv.Write(samples, output);

        var counts = LabelSummary.Of(samples);
        Console.WriteLine($"{events.Count:N0} events in the calendar window -> {samples.Count:N0} clicks ({counts.RegularClicks:N0} regular, {counts.PrePromotionClicks:N0} pre-promotion)");
        Console.WriteLine($"pre-promotion: {counts.Direct:N0} direct, {counts.Delayed:N0} delayed conversions, {counts.AddedToCart:N0} with ATC; split {SplitOptions.Name(mode)} seed {seed}: {counts.Train:N0} train / {counts.Eval:N0} eval");
        Console.WriteLine($"wrote {output} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
