using System.Diagnostics;
using System.Globalization;
using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm labels`: events -> click samples with labels, T and the Train/Eval split (data.md §4-5).</summary>
public sealed class LabelsCommand : ICommand
{
    public string Name => "labels";
    public string Summary => "build click samples (labels, ATC treatment, split) from an event log";

    public int Run(CommandOptions options)
    {
        var format = options.Text("format", "taobao");
        var input = options.Required("input");
        var calendar = PromotionCalendar.Load(options.Text("calendar", "taobao"));
        var output = options.Required("out");
        var mode = SplitOptions.ParseMode(options.Text("split", "random"));
        var seed = options.Int("seed", (int)SplitOptions.DefaultSeed);
        var itemsPath = options.Text("items");
        options.RejectUnknown();
        if (format != "taobao") throw new InputError($"unknown format '{format}': only taobao is supported so far");
        if (seed < 0) throw new InputError($"--seed must be non-negative, got {seed}");

        var clock = Stopwatch.StartNew();
        var events = LoadTaobao(input, calendar);
        var items = itemsPath == null ? null : ItemCatalog.Read(itemsPath);
        var samples = ClickSampleBuilder.Build(events, calendar, items, new SplitOptions(mode, (ulong)seed));
        SamplesCsv.Write(samples, output);

        var counts = LabelSummary.Of(samples);
        Console.WriteLine($"{events.Count:N0} events in the calendar window -> {samples.Count:N0} clicks ({counts.RegularClicks:N0} regular, {counts.PrePromotionClicks:N0} pre-promotion)");
        Console.WriteLine($"pre-promotion: {counts.Direct:N0} direct, {counts.Delayed:N0} delayed conversions, {counts.AddedToCart:N0} with ATC; split {SplitOptions.Name(mode)} seed {seed}: {counts.Train:N0} train / {counts.Eval:N0} eval");
        Console.WriteLine($"wrote {output} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    // TODO: replace with EventIngest once the reader lands
    /// <summary>Minimal reader for the headerless `user,item,category,behavior,ts` CSV, keeping rows inside the calendar window.</summary>
    static EventTable LoadTaobao(string path, PromotionCalendar calendar)
    {
        var events = new EventTable();
        long line = 0, rejected = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0) continue;
            var parts = text.Split(',');
            if (parts.Length != 5
                || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var user)
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var item)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var category)
                || !long.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts)
                || !TryBehavior(parts[3], out var behavior))
            {
                if (++rejected <= 3) Console.Error.WriteLine($"{path}:{line}: skipped malformed row '{text}'");
                continue;
            }
            if (ts < calendar.WindowStart || ts >= calendar.WindowEnd) continue;
            events.Add(user, item, category, behavior, ts);
        }
        if (line > 0 && rejected > line / 100)
            throw new InputError($"{path}: {rejected} of {line} rows are not 'user,item,category,behavior,ts' (is this the Taobao UserBehavior format?)");
        return events;
    }

    static bool TryBehavior(string text, out Behavior behavior)
    {
        (bool ok, behavior) = text switch
        {
            "pv" => (true, Behavior.Pv),
            "fav" => (true, Behavior.Fav),
            "cart" => (true, Behavior.Cart),
            "buy" => (true, Behavior.Buy),
            _ => (false, Behavior.Pv),
        };
        return ok;
    }
}
