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
        if (cycles.Count == 0) throw new ArgumentException($"calendar '{name}' has no cycles");
        for (int i = 0; i < cycles.Count; i++)
        {
            var c = cycles[i];
            if (!(c.RegularStart <= c.PrePromotionStart && c.PrePromotionStart < c.PromotionStart && c.PromotionStart < c.PromotionEnd))
                throw new ArgumentException($"calendar '{name}': cycle {i + 1} is not ordered regular <= pre-promotion < promotion < end");
            if (i > 0 && cycles[i - 1].PromotionEnd > c.RegularStart)
                throw new ArgumentException($"calendar '{name}': cycle {i + 1} starts before cycle {i} ends");
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

    public static IReadOnlyList<string> BuiltInNames { get; } = ["taobao", "industrial-sim"];

    /// <summary>A built-in calendar by name, or a calendar JSON file by path.</summary>
    public static PromotionCalendar Load(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Parse(File.ReadAllText(nameOrPath), nameOrPath);
        var resource = $"CmDcm.calendars.{nameOrPath}.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"unknown calendar '{nameOrPath}': use one of {string.Join(", ", BuiltInNames)} or a path to a calendar JSON file");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), nameOrPath);
    }

    public static PromotionCalendar Parse(string json, string source)
    {
        var file = JsonSerializer.Deserialize<CalendarFile>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new ArgumentException($"calendar {source} is empty");
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
