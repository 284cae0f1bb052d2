using System.Globalization;

namespace CmDcm.Data.Simulation;

/// <summary>A growable UTF-8 byte buffer for CSV rows: formats numbers without allocating strings.</summary>
sealed class Utf8Lines
{
    byte[] bytes = new byte[1 << 16];
    public int Length { get; private set; }

    public void Clear() => Length = 0;

    public void Write(Stream stream) => stream.Write(bytes, 0, Length);

    public Utf8Lines Text(ReadOnlySpan<byte> text)
    {
        Reserve(text.Length);
        text.CopyTo(bytes.AsSpan(Length));
        Length += text.Length;
        return this;
    }

    public Utf8Lines Char(char c)
    {
        Reserve(1);
        bytes[Length++] = (byte)c;
        return this;
    }

    public Utf8Lines Number<T>(T value, string? format = null) where T : IUtf8SpanFormattable
    {
        while (true)
        {
            Reserve(32);
            if (value.TryFormat(bytes.AsSpan(Length), out int written, format, CultureInfo.InvariantCulture))
            {
                Length += written;
                return this;
            }
            Reserve(bytes.Length);
        }
    }

    void Reserve(int extra)
    {
        if (Length + extra <= bytes.Length) return;
        Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Length + extra));
    }
}
