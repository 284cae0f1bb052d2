namespace CmDcm.Data;

/// <summary>
/// One input format (spec data.md §2). A reader only splits and parses lines; window, duplicate and
/// statistics checks are shared by every format in <see cref="IngestCollector"/>.
/// </summary>
public interface IEventReader
{
    /// <summary>The `--format` value that selects this reader.</summary>
    string Format { get; }

    void Read(string path, IEventSink sink);

    /// <summary>The calendar `cmdcm ingest` uses when none is given (a year-templated calendar carries its year: "tmall-2013").</summary>
    string DefaultCalendar => "taobao";

    /// <summary>
    /// True for logs that span more than any calendar (the six-month Tmall log): rows with a valid time outside the
    /// calendar's window are filtered and counted while streaming, not rejected. Otherwise they are rejects.
    /// </summary>
    bool FiltersOutsideWindow => false;

    /// <summary>True when the categories come from a product table joined on item (`--products`).</summary>
    bool NeedsProducts => false;
}

/// <summary>Receives the lines of an input in file order; <c>line</c> is 1-based and counts empty lines too.</summary>
public interface IEventSink
{
    /// <summary>A line that parsed; <paramref name="text"/> is only valid during the call (quoted if a later check rejects it).</summary>
    void Accept(in CanonicalEvent e, long line, ReadOnlySpan<byte> text);

    void Reject(RejectReason reason, long line, ReadOnlySpan<byte> text);

    /// <summary>An empty line (or one holding only a CR): skipped, not a row.</summary>
    void EmptyLine(long line);
}
