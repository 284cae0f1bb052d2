using System.Reflection;
using System.Text.Json;
using CmDcm.Data;

namespace CmDcm.Labels;

/// <summary>One promotion cycle as epoch-second bounds, each period [start, next start).</summary>
public sealed record PromotionCycle(long RegularStart, long PrePromotionStart, long PromotionStart, long PromotionEnd);

/// <summary>
/// The regular / pre-promotion / promotion periods of a dataset, read from data-prep/calendars/*.json
/// (Beijing calendar dates; embedded in the library so no path is needed).
/// </summary>
public sealed class PromotionCalendar
{
    public string Name { get; }
    public IReadOnlyList<PromotionCycle> Cycles { get; }
    public long WindowStart => Cycles[0].RegularStart;
    public long WindowEnd => Cycles[^1].PromotionEnd;

    public PromotionCalendar(string name, IReadOnlyList<PromotionCycle> cycles)
    {
        if (cycles.Count == 0) throw new InputError($"calendar '{name}' has no cycles");
        for (int i = 0; i < cycles.Count; i++)
        {
            var c = cycles[i];
            if (!(c.RegularStart <= c.PrePromotionStart && c.PrePromotionStart < c.PromotionStart && c.PromotionStart < c.PromotionEnd))
                throw new InputError($"calendar '{name}': cycle {i + 1} is not ordered regular <= pre-promotion < promotion < end");
            if (i > 0 && cycles[i - 1].PromotionEnd > c.RegularStart)
                throw new InputError($"calendar '{name}': cycle {i + 1} starts before cycle {i} ends");
        }
        Name = name;
        Cycles = cycles;
    }

    /// <summary>Index of the cycle containing the moment, or -1 outside every cycle.</summary>
    public int CycleOf(long timestamp)
    {
        for (int i = 0; i < Cycles.Count; i++)
            if (timestamp >= Cycles[i].RegularStart && timestamp < Cycles[i].PromotionEnd) return i;
        return -1;
    }

    public Period PeriodOf(long timestamp)
    {
        int i = CycleOf(timestamp);
        if (i < 0) return Period.Outside;
        var c = Cycles[i];
        return timestamp < c.PrePromotionStart ? Period.Regular
            : timestamp < c.PromotionStart ? Period.PrePromotion
            : Period.Promotion;
    }

    public static IReadOnlyList<string> BuiltInNames { get; } = ["taobao", "tmall-2013", "tmall-2014", "industrial-sim"];

    /// <summary>Marks a calendar whose dates take a year parameter (the Tmall calendar: the data exist for 2013 and 2014).</summary>
    public const string YearPlaceholder = "{year}";

    /// <summary>
    /// A built-in calendar by name, or a calendar JSON file by path. A calendar with a <see cref="YearPlaceholder"/>
    /// needs a year: in the name ("tmall-2013") or as <paramref name="year"/>, which wins over the name's.
    /// </summary>
    public static PromotionCalendar Load(string nameOrPath, int? year = null)
    {
        string? text = File.Exists(nameOrPath) ? File.ReadAllText(nameOrPath) : Resource(nameOrPath);
        var baseName = nameOrPath;
        if (text == null && YearSuffix(nameOrPath) is var (name, nameYear) && Resource(name) is { } templated)
        {
            (text, baseName) = (templated, name);
            year ??= nameYear;
        }
        if (text == null)
            throw new InputError($"unknown calendar '{nameOrPath}': use one of {string.Join(", ", BuiltInNames)} or a path to a calendar JSON file");
        if (text.Contains(YearPlaceholder, StringComparison.Ordinal))
        {
            if (year is not { } y) throw new InputError($"calendar '{nameOrPath}' needs a year: name it {baseName}-YYYY (e.g. {baseName}-2013) or give --year");
            if (y < 1 || y > 9998) throw new InputError($"calendar '{nameOrPath}': year {y} is out of range");
            text = text.Replace(YearPlaceholder, y.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        else if (year != null)
            throw new InputError($"calendar '{nameOrPath}' has fixed dates; a year applies only to a calendar with a {YearPlaceholder} placeholder (tmall)");
        return Parse(text, nameOrPath);
    }

    static string? Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"CmDcm.calendars.{name}.json");
        if (stream == null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>"tmall-2013" -> ("tmall", 2013); null when the name does not end in a four-digit year.</summary>
    static (string Name, int Year)? YearSuffix(string name)
    {
        int dash = name.LastIndexOf('-');
        if (dash <= 0 || name.Length - dash != 5) return null;
        return int.TryParse(name.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int y)
            ? (name[..dash], y) : null;
    }

    public static PromotionCalendar Parse(string json, string source)
    {
        var file = JsonSerializer.Deserialize<CalendarFile>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InputError($"calendar {source} is empty");
        var cycles = (file.Cycles ?? []).Select(c => new PromotionCycle(
            BeijingTime.StartOf(DateOnly.Parse(c.Regular)),
            BeijingTime.StartOf(DateOnly.Parse(c.PrePromotion)),
            BeijingTime.StartOf(DateOnly.Parse(c.Promotion)),
            BeijingTime.StartOf(DateOnly.Parse(c.End)))).ToList();
        return new PromotionCalendar(file.Name ?? source, cycles);
    }

    sealed record CalendarFile(string? Name, List<CycleDates>? Cycles);

    sealed record CycleDates(string Regular, string PrePromotion, string Promotion, string End);
}
