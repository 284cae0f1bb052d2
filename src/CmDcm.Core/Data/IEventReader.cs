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
