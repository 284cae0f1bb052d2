namespace CmDcm.Data;

/// <summary>Receives the lines of <see cref="Utf8LineReader"/>: <c>text</c> has no line ending and is only valid during the call.</summary>
public interface ILineHandler
{
    void Line(ReadOnlySpan<byte> text, long line);
}

/// <summary>
/// Streams a file through one large byte buffer and hands each line to a handler as a span, so good lines
/// cost no allocation (100M rows must read in seconds). Handles a UTF-8 BOM, LF and CRLF endings, and a last
/// line without a newline; empty lines are passed on (empty). The handler is a struct type parameter so the
/// per-line call is direct, not a delegate call.
/// </summary>
public static class Utf8LineReader
{
    const int InitialBufferSize = 4 << 20;
    static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static void Read<THandler>(string path, ref THandler handler) where THandler : struct, ILineHandler
    {
        // bufferSize 1 disables FileStream's own buffer: we read straight into ours.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        Read(stream, ref handler);
    }

    public static void Read<THandler>(Stream stream, ref THandler handler) where THandler : struct, ILineHandler
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
                Dispatch(rest[..newline], ++line, ref handler);
                rest = rest[(newline + 1)..];
            }
            if (end)
            {
                if (!rest.IsEmpty) Dispatch(rest, ++line, ref handler); // the last line has no newline
                return;
            }
            rest.CopyTo(buffer); // keep the partial line for the next read
            filled = rest.Length;
        }
    }

    static void Dispatch<THandler>(ReadOnlySpan<byte> text, long line, ref THandler handler) where THandler : struct, ILineHandler
    {
        if (!text.IsEmpty && text[^1] == (byte)'\r') text = text[..^1];
        handler.Line(text, line);
    }
}
