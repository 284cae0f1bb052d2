using CmDcm.Labels;

namespace CmDcm.Data;

/// <summary>Kept events (file order) and what the ingest found.</summary>
public sealed record IngestResult(EventTable Events, IngestReport Report);

/// <summary>
/// The one way in for raw logs, shared by the CLI (`cmdcm ingest`), the notebooks and the pipeline:
/// read with the reader named by <c>format</c>, keep events inside the calendar's window
/// [WindowStart, WindowEnd), and optionally store `events.parquet` and `ingest-report.json`.
/// </summary>
public static class EventIngest
{
    public const double DefaultRejectThreshold = 0.01;

    /// <summary>Reads and checks the input without writing anything.</summary>
    public static IngestResult Read(string input, string format, PromotionCalendar calendar, double rejectThreshold = DefaultRejectThreshold)
    {
        var reader = EventReaders.Get(format);
        if (Directory.Exists(input)) throw new InputError($"{input} is a directory; give the {format} log file itself");
        if (!File.Exists(input)) throw new InputError($"{input}: no such file");
        // ~33-37 bytes per Taobao line: size the table once instead of doubling through 100M rows.
        long expected = Math.Min(new FileInfo(input).Length / 32 + 1024, Array.MaxLength);
        var collector = new IngestCollector(calendar.Name, calendar.WindowStart, calendar.WindowEnd, rejectThreshold, (int)expected);
        PipelinedReader.Read(reader, input, collector);
        var (events, report) = collector.Complete(format, input);
        return new IngestResult(events, report);
    }

    /// <summary>Reads and checks the input, then writes `events.parquet` and `ingest-report.json` into <paramref name="outDir"/>.</summary>
    public static IngestResult Run(string input, string format, PromotionCalendar calendar, string outDir, double rejectThreshold = DefaultRejectThreshold)
    {
        if (File.Exists(outDir)) throw new InputError($"{outDir} is a file; --out names a directory");
        var result = Read(input, format, calendar, rejectThreshold);
        Directory.CreateDirectory(outDir);
        EventStore.Write(result.Events, Path.Combine(outDir, EventStore.FileName));
        result.Report.Write(Path.Combine(outDir, IngestReport.FileName));
        return result;
    }
}
