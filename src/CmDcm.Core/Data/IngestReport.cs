using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmDcm.Data;

/// <summary>
/// A rejected line quoted in the report (1-based line number, text cut to 200 characters); <c>Input</c> names the
/// file when a run reads several (line numbers restart in each).
/// </summary>
public sealed record RejectedLine(long Line, string Reason, string Text, string? Input = null)
{
    const int QuotedLength = 200;

    /// <summary>
    /// A line as printable text for a message or the report: control characters (the Tmall log's 0x01 separator,
    /// a stray NUL) and bytes that are not UTF-8 appear as \xNN, so binary garbage never reaches a terminal raw.
    /// Cut to 200 characters.
    /// </summary>
    public static string Quote(ReadOnlySpan<byte> text)
    {
        var quoted = new StringBuilder();
        while (!text.IsEmpty && quoted.Length < QuotedLength)
        {
            if (Rune.DecodeFromUtf8(text, out var rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\x{text[0]:X2}");
                consumed = 1;
            }
            else if (Rune.IsControl(rune)) quoted.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:X2}");
            else quoted.Append(rune.ToString());
            text = text[consumed..];
        }
        return text.IsEmpty ? quoted.ToString() : quoted.Append("...").ToString();
    }
}

/// <summary>
/// What an ingest read, kept and dropped (spec data.md §2), saved as `ingest-report.json` beside the events.
/// Holds no wall-clock times or host paths beyond the input name, so the same input gives the same bytes.
/// </summary>
public sealed class IngestReport
{
    public const string FileName = "ingest-report.json";

    public string Format { get; set; } = "";
    /// <summary>The input file name, or the names in reading order ("a, b, c") for a log in several parts.</summary>
    public string Input { get; set; } = "";
    public string Calendar { get; set; } = "";
    public long WindowStart { get; set; }
    public long WindowEnd { get; set; }
    public double RejectThreshold { get; set; }

    /// <summary>Non-empty lines.</summary>
    public long RowsRead { get; set; }
    /// <summary>Rows read minus rejects minus rows outside the window minus duplicates removed.</summary>
    public long RowsKept { get; set; }
    public long RowsRejected { get; set; }
    public long EmptyLines { get; set; }
    /// <summary>
    /// Rows with a valid time outside the calendar's window, filtered while streaming (formats that filter by date,
    /// the Tmall log); not rejects. For other formats such rows are rejects and this stays 0.
    /// </summary>
    public long RowsOutsideWindow { get; set; }
    public string? OutsideWindowMinTimeBeijing { get; set; }
    public string? OutsideWindowMaxTimeBeijing { get; set; }
    public Dictionary<string, long> RejectsByReason { get; set; } = new();
    public List<RejectedLine> FirstRejects { get; set; } = new();

    /// <summary>Exact duplicates (same user, item, category, behavior, ts) removed, the first kept.</summary>
    public long DuplicatesRemoved { get; set; }
    /// <summary>Kept events sharing their (user, second) with an earlier kept event of that user: a group of n adds n - 1.</summary>
    public long SameSecondTies { get; set; }
    /// <summary>Items seen under more than one category.</summary>
    public long MultiCategoryItems { get; set; }
    /// <summary>Buys with no pv of the item by the user at or before the buy's second.</summary>
    public long BuysWithoutEarlierPv { get; set; }
    /// <summary>True when each user's rows are contiguous in the file (the Taobao layout); otherwise a slower global pass ran.</summary>
    public bool UsersContiguous { get; set; }

    public long? MinTimestamp { get; set; }
    public long? MaxTimestamp { get; set; }
    public string? MinTimeBeijing { get; set; }
    public string? MaxTimeBeijing { get; set; }
    /// <summary>Kept events per Beijing calendar day (yyyy-MM-dd).</summary>
    public SortedDictionary<string, long> PerDay { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Kept events per behavior (pv, fav, cart, buy).</summary>
    public Dictionary<string, long> PerBehavior { get; set; } = new();
    /// <summary>The product table and its join on item (formats with `--products`), else null.</summary>
    public ProductJoinReport? Products { get; set; }
    /// <summary>Plain warnings, e.g. calendar periods the data do not cover (filled by <see cref="EventIngest"/> for every format).</summary>
    public List<string> Warnings { get; set; } = new();

    public double RejectRate => RowsRead == 0 ? 0 : (double)RowsRejected / RowsRead;

    static readonly JsonSerializerOptions json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, json);

    public static IngestReport FromJson(string text) =>
        JsonSerializer.Deserialize<IngestReport>(text, json) ?? throw new InputError("the ingest report is empty");

    /// <summary>Writes the report atomically (temporary file in the same directory, then rename).</summary>
    public void Write(string path) => AtomicFile.Write(path, stream =>
    {
        var bytes = Encoding.UTF8.GetBytes(ToJson() + "\n");
        stream.Write(bytes);
    });

    public static IngestReport Read(string path) => FromJson(File.ReadAllText(path));

    /// <summary>A few lines for a console or a notebook.</summary>
    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{Format} {Input} (calendar {Calendar})");
        text.AppendLine(c, $"rows read {RowsRead:N0}, kept {RowsKept:N0}, rejected {RowsRejected:N0} ({RejectRate:P3}), duplicates removed {DuplicatesRemoved:N0}, empty lines {EmptyLines:N0}");
        foreach (var (reason, count) in RejectsByReason)
            if (count > 0) text.AppendLine(c, $"  rejected, {reason}: {count:N0}");
        foreach (var reject in FirstRejects.Take(3))
            text.AppendLine(c, $"  {(reject.Input == null ? "" : reject.Input + ", ")}line {reject.Line} ({reject.Reason}): {reject.Text}");
        text.AppendLine(c, $"same-second ties {SameSecondTies:N0}, multi-category items {MultiCategoryItems:N0}, buys without earlier pv {BuysWithoutEarlierPv:N0}");
        text.AppendLine(c, $"time range {MinTimeBeijing ?? "-"} .. {MaxTimeBeijing ?? "-"} (Beijing)");
        if (RowsOutsideWindow > 0)
            text.AppendLine(c, $"outside the calendar window (filtered) {RowsOutsideWindow:N0} rows, {OutsideWindowMinTimeBeijing} .. {OutsideWindowMaxTimeBeijing} (Beijing)");
        if (Products is { } p)
            text.AppendLine(c, $"products {p.Input}: {p.Items:N0} items in {p.Categories:N0} categories, {p.DuplicateItemRows:N0} duplicate item rows (first kept), {p.BadRows:N0} bad rows; join misses {p.JoinMisses:N0} events (kept, category -1)");
        text.AppendLine("per behavior: " + string.Join(", ", PerBehavior.Select(p => string.Create(c, $"{p.Key} {p.Value:N0}"))));
        text.Append("per day: " + string.Join(", ", PerDay.Select(p => string.Create(c, $"{p.Key} {p.Value:N0}"))));
        foreach (var warning in Warnings) text.AppendLine().Append("warning: ").Append(warning);
        return text.ToString();
    }
}
