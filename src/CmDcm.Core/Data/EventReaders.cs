namespace CmDcm.Data;

/// <summary>The readers by `--format` name. Formats are always named explicitly, never guessed from the content.</summary>
public static class EventReaders
{
    static readonly IEventReader[] readers = [new TaobaoReader()];

    public static IReadOnlyList<string> Formats { get; } = readers.Select(r => r.Format).ToArray();

    public static IEventReader Get(string format) =>
        readers.FirstOrDefault(r => r.Format == format)
        ?? throw new InputError($"unknown format '{format}': use one of {string.Join(", ", Formats)}");
}
