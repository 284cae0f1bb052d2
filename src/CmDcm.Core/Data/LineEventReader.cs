namespace CmDcm.Data;

/// <summary>
/// Base of the text readers: streams the file through one large byte buffer and hands each line to
/// <see cref="ParseLine"/> as a span, so good lines cost no allocation (100M rows must read in seconds).
/// Handles a UTF-8 BOM, LF and CRLF endings, empty lines and a last line without a newline.
/// </summary>
public abstract class LineEventReader : IEventReader
{
    const int InitialBufferSize = 4 << 20;
    static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public abstract string Format { get; }

    /// <summary>Parses one non-empty line (without its line ending) and reports it to the sink.</summary>
    protected abstract void ParseLine(ReadOnlySpan<byte> text, long line, IEventSink sink);

    public void Read(string path, IEventSink sink)
    {
        // bufferSize 1 disables FileStream's own buffer: we read straight into ours.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        Read(stream, sink);
    }

    public void Read(Stream stream, IEventSink sink)
    {
        var buffer = new byte[InitialBufferSize];
        int filled = 0;
        long line = 0;
        bool atStart = true;
        while (true)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the buffer
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            bool end = read == 0;
            int consumed = 0;
            if (atStart)
            {
                if (filled < Utf8Bom.Length && !end) continue;
                if (buffer.AsSpan(0, filled).StartsWith(Utf8Bom)) consumed = Utf8Bom.Length;
                atStart = false;
            }

            var rest = buffer.AsSpan(consumed, filled - consumed);
            int newline;
            while ((newline = rest.IndexOf((byte)'\n')) >= 0)
            {
                Dispatch(rest[..newline], ++line, sink);
                rest = rest[(newline + 1)..];
            }
            if (end)
            {
                if (!rest.IsEmpty) Dispatch(rest, ++line, sink); // the last line has no newline
                return;
            }
            rest.CopyTo(buffer); // keep the partial line for the next read
            filled = rest.Length;
        }
    }

    void Dispatch(ReadOnlySpan<byte> text, long line, IEventSink sink)
    {
        if (!text.IsEmpty && text[^1] == (byte)'\r') text = text[..^1];
        if (text.IsEmpty) sink.EmptyLine(line);
        else ParseLine(text, line, sink);
    }
}
