using System.Buffers.Text;

namespace CmDcm.Data;

/// <summary>
/// Base of the text readers: <see cref="Utf8LineReader"/> splits the file, a format only parses one line
/// (<see cref="ParseLine"/>), so good lines cost no allocation. Empty lines are skipped, not rows.
/// </summary>
public abstract class LineEventReader : IEventReader
{
    public abstract string Format { get; }

    /// <summary>Parses one non-empty line (without its line ending) and reports it to the sink.</summary>
    protected abstract void ParseLine(ReadOnlySpan<byte> text, long line, IEventSink sink);

    public void Read(string path, IEventSink sink)
    {
        var lines = new Lines(this, sink);
        Utf8LineReader.Read(path, ref lines);
    }

    public void Read(Stream stream, IEventSink sink)
    {
        var lines = new Lines(this, sink);
        Utf8LineReader.Read(stream, ref lines);
    }

    /// <summary>
    /// Whether a data line (not a header) would parse in this format: used only to name the likely right
    /// `--format` in an error message, never to choose a format.
    /// </summary>
    public virtual bool Parses(ReadOnlySpan<byte> text)
    {
        var probe = new Probe();
        if (!text.IsEmpty) ParseLine(text, long.MaxValue, probe);
        return probe.Accepted;
    }

    readonly struct Lines(LineEventReader reader, IEventSink sink) : ILineHandler
    {
        public void Line(ReadOnlySpan<byte> text, long line)
        {
            if (text.IsEmpty) sink.EmptyLine(line);
            else reader.ParseLine(text, line, sink);
        }
    }

    sealed class Probe : IEventSink
    {
        public bool Accepted;
        public void Accept(in CanonicalEvent e, long line, ReadOnlySpan<byte> text) => Accepted = true;
        public void Reject(RejectReason reason, long line, ReadOnlySpan<byte> text) { }
        public void EmptyLine(long line) { }
    }

    /// <summary>Unsigned decimal digits; up to 18 digits cannot overflow a long, longer ones are checked.</summary>
    protected static bool TryParseId(ReadOnlySpan<byte> text, ref int at, out long value)
    {
        int start = at;
        long v = 0;
        while (at < text.Length)
        {
            uint digit = (uint)(text[at] - '0');
            if (digit > 9) break;
            v = v * 10 + digit;
            at++;
        }
        int length = at - start;
        value = v;
        if (length == 0) return false;
        if (length <= 18) return true;
        return Utf8Parser.TryParse(text.Slice(start, length), out value, out int consumed) && consumed == length;
    }

    protected static bool TrySeparator(ReadOnlySpan<byte> text, ref int at, byte separator)
    {
        if (at >= text.Length || text[at] != separator) return false;
        at++;
        return true;
    }
}
