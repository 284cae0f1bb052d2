using System.Globalization;
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
    public static IngestResult Read(string input, string format, PromotionCalendar calendar, double rejectThreshold = DefaultRejectThreshold) =>
        Read([input], format, calendar, rejectThreshold);

    /// <summary>
    /// Reads a log given in one or more parts (the Tmall log's part a, b, c), in the given order and in one pass:
    /// one report, line numbers per part. <paramref name="products"/> is the product table for formats that join
    /// categories on item (<see cref="IEventReader.NeedsProducts"/>).
    /// </summary>
    public static IngestResult Read(IReadOnlyList<string> inputs, string format, PromotionCalendar calendar, double rejectThreshold = DefaultRejectThreshold, string? products = null) =>
        Read(inputs, format, calendar, rejectThreshold, products, store: null);

    /// <param name="store">When given, receives the kept rows while they are read (see <see cref="Run(IReadOnlyList{string}, string, PromotionCalendar, string, double, string?)"/>).</param>
    static IngestResult Read(IReadOnlyList<string> inputs, string format, PromotionCalendar calendar, double rejectThreshold, string? products, StreamingStore? store)
    {
        var reader = EventReaders.Get(format);
        if (inputs.Count == 0) throw new InputError("no input file given");
        foreach (var input in inputs)
        {
            if (Directory.Exists(input)) throw new InputError($"{input} is a directory; give the {format} log file itself (a log in parts: each part named on its own, in order)");
            if (!File.Exists(input)) throw new InputError($"{input}: no such file");
        }
        if (reader.NeedsProducts && products == null)
            throw new InputError($"--format {format} needs --products (the product table tianchi_2014001_rec_tmall_product.txt, for the item categories)");
        if (!reader.NeedsProducts && products != null)
            throw new InputError($"--products does not apply to --format {format}: its categories come from the log itself or are unknown");
        var productTable = products == null ? null : ProductTable.Load(products);

        // Size the table once from the mean length of the first lines instead of doubling through 100M rows
        // (a doubling at 100M would hold two tables at once). A log filtered by date keeps a fraction of its
        // size, so it starts smaller and grows.
        long expected = Math.Min(ExpectedRows(inputs), reader.FiltersOutsideWindow ? 1 << 24 : Array.MaxLength);
        var collector = new IngestCollector(calendar.Name, calendar.WindowStart, calendar.WindowEnd, rejectThreshold, (int)expected)
        {
            Format = format,
            FilterOutsideWindow = reader.FiltersOutsideWindow,
            Products = productTable,
        };
        foreach (var input in inputs)
        {
            if (inputs.Count > 1) collector.CurrentInput = Path.GetFileName(input);
            PipelinedReader.Read(reader, input, collector, store == null ? null : () => store.Offer(collector.FinalRowsSoFar));
        }
        var names = string.Join(", ", inputs.Select(Path.GetFileName));
        var (events, report) = collector.Complete(format, names);
        if (productTable != null) report.Products = productTable.Report(products!, collector.JoinMisses);
        if (events.Count == 0 && report.RowsOutsideWindow > 0)
            throw new InputError($"{names}: no rows inside the calendar window of '{calendar.Name}' " +
                $"({BeijingTime.Date(calendar.WindowStart):yyyy-MM-dd} .. {BeijingTime.Date(calendar.WindowEnd - 1):yyyy-MM-dd}); " +
                $"the rows span {report.OutsideWindowMinTimeBeijing} .. {report.OutsideWindowMaxTimeBeijing} (Beijing): wrong --calendar or --year?");
        report.Warnings.AddRange(CoverageWarnings(report, calendar));
        return new IngestResult(events, report);
    }

    /// <summary>Rows the inputs hold, estimated from the line length of each file's first megabyte, with 2 % to spare.</summary>
    static long ExpectedRows(IReadOnlyList<string> inputs)
    {
        long rows = 1024;
        var head = new byte[1 << 20];
        foreach (var input in inputs)
        {
            using var stream = File.OpenRead(input);
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            int lines = head.AsSpan(0, read).Count((byte)'\n');
            rows += lines == 0 ? 1 : (long)(stream.Length / ((double)read / lines) * 1.02) + 1;
        }
        return rows;
    }

    /// <summary>Reads and checks the input, then writes `events.parquet` and `ingest-report.json` into <paramref name="outDir"/>.</summary>
    public static IngestResult Run(string input, string format, PromotionCalendar calendar, string outDir, double rejectThreshold = DefaultRejectThreshold) =>
        Run([input], format, calendar, outDir, rejectThreshold);

    /// <summary>As <see cref="Read(IReadOnlyList{string}, string, PromotionCalendar, double, string?)"/>, then writes the store and the report.</summary>
    public static IngestResult Run(IReadOnlyList<string> inputs, string format, PromotionCalendar calendar, string outDir, double rejectThreshold = DefaultRejectThreshold, string? products = null)
    {
        if (File.Exists(outDir)) throw new InputError($"{outDir} is a file; --out names a directory");
        // A file on the way to --out would otherwise only show once the first row group is written.
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(outDir)); parent != null; parent = Path.GetDirectoryName(parent))
            if (File.Exists(parent)) throw new InputError($"--out {outDir}: {parent} is a file, not a directory");
        using var store = new StreamingStore(outDir);
        var result = Read(inputs, format, calendar, rejectThreshold, products, store);
        store.Complete(result);
        result.Report.Write(Path.Combine(outDir, IngestReport.FileName));
        return result;
    }

    /// <summary>
    /// `events.parquet` written while the input is read: row groups go to the writer as soon as they are final
    /// (users contiguous, the Taobao layout), so encoding overlaps reading. When a user comes back later in
    /// the file the streamed rows are not final: that write is abandoned and the checked table written at the end.
    /// The output directory is made when the first row group is ready (an input refused early leaves none behind).
    /// </summary>
    sealed class StreamingStore(string outDir) : IDisposable
    {
        EventStoreWriter? writer;
        bool completed, madeDirectory;

        string Path => System.IO.Path.Combine(outDir, EventStore.FileName);

        /// <param name="finalRows">The collector's final rows, null from the moment a user came back (for good).</param>
        public void Offer(EventTable? finalRows)
        {
            if (finalRows == null)
            {
                writer?.Dispose(); // abandoned: the checked table is written at the end
                writer = null;
                return;
            }
            if (writer == null && finalRows.Count < EventStore.RowGroupSize) return;
            if (writer == null)
            {
                madeDirectory = !Directory.Exists(outDir);
                Directory.CreateDirectory(outDir);
                writer = new EventStoreWriter(Path);
            }
            writer.Append(finalRows);
        }

        public void Complete(IngestResult result)
        {
            if (writer != null && result.Report.UsersContiguous) writer.Complete(result.Events);
            else
            {
                writer?.Dispose(); // a user came back at the very end: the streamed rows were not final
                writer = null;
                Directory.CreateDirectory(outDir);
                EventStore.Write(result.Events, Path);
            }
            completed = true;
        }

        public void Dispose()
        {
            writer?.Dispose();
            // A failed read leaves no directory it made (as when the directory was only made after the read).
            if (!completed && madeDirectory && Directory.Exists(outDir) && !Directory.EnumerateFileSystemEntries(outDir).Any())
                Directory.Delete(outDir);
        }
    }

    /// <summary>
    /// Calendar periods the kept events do not cover, for every format: a period with no events at all (labels
    /// from it would be empty) or with some empty days. The one place warnings are made.
    /// </summary>
    public static IEnumerable<string> CoverageWarnings(IngestReport report, PromotionCalendar calendar)
    {
        var range = report.MinTimeBeijing == null ? "no events were kept" : $"the kept events span {report.MinTimeBeijing} .. {report.MaxTimeBeijing}";
        for (int i = 0; i < calendar.Cycles.Count; i++)
        {
            var cycle = calendar.Cycles[i];
            var cycleName = calendar.Cycles.Count > 1 ? $" of cycle {i + 1}" : "";
            (string Name, long Start, long End)[] periods =
                [("regular", cycle.RegularStart, cycle.PrePromotionStart), ("pre-promotion", cycle.PrePromotionStart, cycle.PromotionStart), ("promotion", cycle.PromotionStart, cycle.PromotionEnd)];
            foreach (var (name, start, end) in periods)
            {
                if (end <= start) continue;
                var days = new List<string>();
                for (long t = start; t < end; t += BeijingTime.SecondsPerDay) days.Add(BeijingTime.Date(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                var empty = days.Where(d => report.PerDay.GetValueOrDefault(d) == 0).ToList();
                if (empty.Count == days.Count)
                    yield return $"no events in the {name} period{cycleName} ({days[0]} .. {days[^1]}) of calendar '{calendar.Name}': the data do not cover it ({range})";
                else if (empty.Count > 0)
                    yield return $"{empty.Count} of {days.Count} days of the {name} period{cycleName} of calendar '{calendar.Name}' have no events: {string.Join(", ", empty.Take(5))}{(empty.Count > 5 ? ", ..." : "")}";
            }
        }
    }
}
