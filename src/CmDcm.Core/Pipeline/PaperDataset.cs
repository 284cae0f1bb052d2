namespace CmDcm.Pipeline;

/// <summary>
/// A column of the paper's Table 2 and what fills it (data.md §2-3): `taobao` (the real UserBehavior.csv, or
/// the simulator in its layout), `tmall` (the real Tmall log or sample only: nothing simulates it) and
/// `industrial-sim` (the simulator's multi-event calendar standing in for the private industrial data, trained on
/// the earlier promotion cycles and evaluated on the last). A run's results go to results/&lt;Name&gt;/.
/// </summary>
public sealed record PaperDataset(
    string Name,
    string Column,
    IReadOnlyList<string> Formats,
    string? SimulatorCalendar,
    string? Split,
    string DataHint)
{
    public static PaperDataset Taobao { get; } = new("taobao", "Taobao", ["taobao"], "taobao", null,
        "--dataset taobao --data UserBehavior.csv (without --data the simulator writes the Taobao layout)");

    public static PaperDataset Tmall { get; } = new("tmall", "Tmall", ["tmall", "tmall-sample"], null, null,
        "--dataset tmall --data tianchi_2014002_rec_tmall_log_parta.txt --data ..._partb.txt --data ..._partc.txt --products tianchi_2014001_rec_tmall_product.txt, " +
        "or --dataset tmall --format tmall-sample --data sam_tianchi_2014002_rec_tmall_log.csv");

    /// <summary>Simulated only; the last-cycle split is what makes it the paper's industrial setup.</summary>
    public static PaperDataset IndustrialSim { get; } = new("industrial-sim", "Industrial", [], "industrial-sim", "last-cycle",
        "--dataset industrial-sim (the simulator's multi-event calendar)");

    /// <summary>Table 2's column order.</summary>
    public static IReadOnlyList<PaperDataset> All { get; } = [Taobao, Tmall, IndustrialSim];

    /// <summary>What `reproduce` runs when no dataset is named: the columns the simulator can fill.</summary>
    public static IReadOnlyList<PaperDataset> SimulatorBacked { get; } = All.Where(d => d.SimulatorCalendar != null).ToList();

    public static PaperDataset Get(string name) =>
        All.FirstOrDefault(d => d.Name == name) ?? throw new InputError($"unknown dataset '{name}': use one of {string.Join(", ", All.Select(d => d.Name))}");

    /// <summary>The dataset a log of this format fills (a format belongs to exactly one).</summary>
    public static PaperDataset ForFormat(string format) =>
        All.FirstOrDefault(d => d.Formats.Contains(format)) ?? throw new InputError($"unknown format '{format}': use one of {string.Join(", ", All.SelectMany(d => d.Formats))}");

    /// <summary>The default --format for real data of this dataset.</summary>
    public string? DefaultFormat => Formats.Count > 0 ? Formats[0] : null;

    /// <summary>Checks that <paramref name="format"/> and <paramref name="calendar"/>, with or without data, fit this dataset; one clear message if not.</summary>
    public void Check(string? format, bool hasData, string? calendar = null)
    {
        // The simulator on another dataset's calendar would fill the wrong column.
        if (!hasData && calendar != null && All.FirstOrDefault(d => d != this && d.SimulatorCalendar == calendar) is { } other)
            throw new InputError($"--calendar {calendar} is the {other.Column} column's: use --dataset {other.Name}");
        if (!hasData && SimulatorCalendar == null)
            throw new InputError($"--dataset {Name} needs the real files, since no simulator stands in for it: {DataHint}");
        if (hasData && Formats.Count == 0)
            throw new InputError($"--dataset {Name} is simulated and takes no --data; real logs go to --dataset {string.Join(" or ", All.Where(d => d.Formats.Count > 0).Select(d => d.Name))}");
        if (format != null && hasData && !Formats.Contains(format))
            throw new InputError($"--format {format} does not fill the {Column} column: use --dataset {ForFormat(format).Name}, or --format {string.Join(" or ", Formats)} with --dataset {Name}");
        if (format != null && !hasData && format != Taobao.Formats[0])
            throw new InputError($"--format describes the files given with --data; the simulator always writes the {Taobao.Formats[0]} layout");
    }
}
