using System.Diagnostics;
using System.Globalization;
using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Cli.Commands;

/// <summary>`cmdcm ingest`: raw log -> events.parquet + ingest-report.json (spec data.md §1-2).</summary>
public sealed class IngestCommand : ICommand
{
    public string Name => "ingest";

    public string Summary => "read a raw log (--format taobao --input FILE --out DIR [--calendar taobao] [--reject-threshold 0.01]) into events.parquet";

    public int Run(CommandOptions options)
    {
        var format = options.Required("format");
        var input = options.Required("input");
        var outDir = options.Required("out");
        var calendarName = options.Text("calendar", "taobao");
        var threshold = options.Double("reject-threshold", EventIngest.DefaultRejectThreshold);
        options.RejectUnknown();

        PromotionCalendar calendar;
        try { calendar = PromotionCalendar.Load(calendarName); }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            throw new InputError($"calendar '{calendarName}': {e.Message}");
        }

        var clock = Stopwatch.StartNew();
        var result = EventIngest.Run(input, format, calendar, outDir, threshold);
        Console.WriteLine(result.Report.Summary());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {Path.Combine(outDir, EventStore.FileName)} and {IngestReport.FileName} in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}
