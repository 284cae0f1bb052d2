using System.Diagnostics;
using System.Globalization;
using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm ingest`: raw log -> events.parquet + ingest-report.json (spec data.md §1-2).</summary>
public sealed class IngestCommand : ICommand
{
    public string Name => "ingest";

    public string Summary =>
        "read a raw log into events.parquet: --format taobao|tmall|tmall-sample --input FILE [--input FILE ...] --out DIR " +
        "[--products FILE (tmall)] [--calendar taobao|tmall] [--year 2013|2014 (tmall)] [--reject-threshold 0.01]; " +
        "several --input are the parts of one log, read in the given order";

    public int Run(CommandOptions options)
    {
        var format = options.Required("format");
        var inputs = options.Texts("input");
        if (inputs.Count == 0) throw new InputError("--input is required");
        var outDir = options.Required("out");
        var products = options.Text("products");
        var reader = EventReaders.Get(format);
        // The format's default calendar carries its year (tmall-2013 for the log, tmall-2014 for the sample).
        var calendarName = options.Text("calendar", reader.DefaultCalendar);
        var year = options.Int("year");
        var threshold = options.Double("reject-threshold", EventIngest.DefaultRejectThreshold);
        options.RejectUnknown();

        PromotionCalendar calendar;
        try { calendar = PromotionCalendar.Load(calendarName, year); }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            throw new InputError($"calendar '{calendarName}': {e.Message}");
        }

        var clock = Stopwatch.StartNew();
        var result = EventIngest.Run(inputs, format, calendar, outDir, threshold, products);
        Console.WriteLine(result.Report.Summary());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {Path.Combine(outDir, EventStore.FileName)} and {IngestReport.FileName} in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}
