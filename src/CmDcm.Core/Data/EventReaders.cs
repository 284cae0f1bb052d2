namespace CmDcm.Data;

/// <summary>The readers by `--format` name. Formats are always named explicitly, never guessed from the content.</summary>
public static class EventReaders
{
    static readonly IEventReader[] readers = [new TaobaoReader(), TmallReader.Log, TmallReader.Sample];

    public static IReadOnlyList<string> Formats { get; } = readers.Select(r => r.Format).ToArray();

    public static IEventReader Get(string format) =>
        readers.FirstOrDefault(r => r.Format == format)
        ?? throw new InputError($"unknown format '{format}': use one of {string.Join(", ", Formats)}");

    /// <summary>
    /// For an error message only: the other format that parses most of the given rejected lines, or null.
    /// The format of a run is still the one the user named.
    /// </summary>
    public static string? SuggestFormat(IReadOnlyList<byte[]> lines, string currentFormat)
    {
        return readers.OfType<LineEventReader>()
            .Where(r => r.Format != currentFormat)
            .Select(r => (r.Format, Parsed: lines.Count(l => r.Parses(l))))
            .Where(s => s.Parsed > 0)
            .OrderByDescending(s => s.Parsed)
            .Select(s => s.Format)
            .FirstOrDefault();
    }
}
