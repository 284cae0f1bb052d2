using System.Globalization;
using System.Text;
using CmDcm.Evaluation;
using CmDcm.Pipeline;
using CmDcm.Training;

namespace CmDcm.Reporting;

/// <summary>One cell: our mean ± std over seeds (null when no run had metrics), the paper's value, and the significance star.</summary>
public sealed record TableCell(double? Mean, double? Std, int Runs, double? Paper, bool Significant);

public sealed record TableRow(string Method, TableCell AucDelay, TableCell AucAll, TableCell NllDelay)
{
    /// <summary>Why this row has no numbers of ours (the method or the whole dataset was not run); null when it ran.</summary>
    public string? NotRun { get; init; }
}

/// <summary>
/// One dataset's column group of Table 2, or Table 3, regenerated from a run with the paper's column beside ours.
/// Table 2 over several datasets is a list of these, one per paper dataset, in the paper's order.
/// </summary>
public sealed record ComparisonTable(string Title, string PaperDataset, IReadOnlyList<TableRow> Rows)
{
    /// <summary>What data stood in for the paper's dataset (the simulator and its calendar, or the real files); null when not run.</summary>
    public string? Source { get; init; }
    /// <summary>Why the group has no numbers of ours ("not run (data not present)"); null when it ran.</summary>
    public string? NotRun { get; init; }
}

/// <summary>Builds the paper's tables from results and says which of its orderings hold.</summary>
public static class PaperTables
{
    public const double SignificanceLevel = 0.05;

    static readonly (string Name, Func<DelayMetrics, double> Value, bool HigherIsBetter)[] Metrics =
    [
        ("AUC_delay", m => m.AucDelay, true),
        ("AUC_all", m => m.AucAll, true),
        ("NLL_delay", m => m.NllDelay, false),
    ];

    /// <summary>The paper's column our data stands in for.</summary>
    public static string PaperDataset(string calendar) =>
        calendar == "industrial-sim" ? "Industrial" : calendar.StartsWith("tmall", StringComparison.Ordinal) ? "Tmall" : "Taobao";

    public const string NotPresent = "not run (data not present)";
    public const string MethodNotRun = "not run";
    public const string Table2Title = "Table 2: every dataset, ours beside the paper's";

    public static ComparisonTable Table2(ReproductionReport report) => Table2(report, PaperDataset(report.Calendar));

    static ComparisonTable Table2(ReproductionReport report, string dataset)
    {
        var rows = MethodRegistry.Table2.Where(report.Methods.Contains)
            .Select(m => Row(report, m, PaperResults.Table2.TryGetValue(m, out var p) ? p[dataset] : null, m == Reproduction.CmDcm ? BestBaselines(report) : null))
            .ToList();
        return new ComparisonTable($"Table 2 ({dataset} column)", dataset, rows);
    }

    /// <summary>
    /// Table 2 with one column group per paper dataset (Taobao, Tmall, Industrial), each from its run when there is
    /// one; a dataset without a run keeps its group, every cell of ours saying <see cref="NotPresent"/>. Every group
    /// has the same rows: the Table 2 methods run on any dataset.
    /// </summary>
    public static IReadOnlyList<ComparisonTable> Table2(IReadOnlyList<DatasetResults> results)
    {
        var methods = MethodRegistry.Table2.Where(m => results.Any(r => r.Report.Methods.Contains(m))).ToList();
        return Pipeline.PaperDataset.All.Select(dataset =>
        {
            var run = results.FirstOrDefault(r => r.Dataset == dataset);
            var ran = run == null ? null : Table2(run.Report, dataset.Column);
            var rows = methods.Select(m => ran?.Rows.FirstOrDefault(r => r.Method == m)
                ?? NotRunRow(m, PaperResults.Table2.TryGetValue(m, out var p) ? p[dataset.Column] : null, run == null ? NotPresent : MethodNotRun)).ToList();
            var title = $"Table 2 ({dataset.Column} column)";
            return run == null
                ? new ComparisonTable(title, dataset.Column, rows) { NotRun = NotPresent }
                : new ComparisonTable(title, dataset.Column, rows) { Source = run.Source };
        }).ToList();
    }

    public static ComparisonTable Table3(ReproductionReport report)
    {
        var rows = MethodRegistry.Table3.Where(report.Methods.Contains)
            .Select(m => Row(report, m, PaperResults.Table3.GetValueOrDefault(m), null))
            .ToList();
        return new ComparisonTable("Table 3 (ablations; the paper's numbers are on its industrial data)", "Industrial", rows);
    }

    /// <summary>Table 3 (the paper's is on its industrial data): from industrial-sim when it ran the ablations, else from the first dataset that did; null when none did.</summary>
    public static ComparisonTable? Table3(IReadOnlyList<DatasetResults> results)
    {
        var run = results.Where(r => r.Report.Methods.Any(m => MethodRegistry.Table3.Contains(m) && m != Reproduction.CmDcm))
            .OrderBy(r => r.Dataset == Pipeline.PaperDataset.IndustrialSim ? 0 : 1)
            .FirstOrDefault();
        if (run == null) return null;
        return Table3(run.Report) with
        {
            Title = $"Table 3: ablations on {run.Dataset.Name} ({run.Source}); the paper's numbers are on its industrial data",
            Source = run.Source,
        };
    }

    static TableRow NotRunRow(string method, PaperResults.Cell? paper, string why)
    {
        TableCell Cell(double? value) => new(null, null, 0, value, false);
        return new TableRow(method, Cell(paper?.AucDelay), Cell(paper?.AucAll), Cell(paper?.NllDelay)) { NotRun = why };
    }

    public static string Markdown(ComparisonTable table) => Markdown([table]);

    /// <summary>
    /// One Markdown table per group (a dataset's column of Table 2), headed by the group's title and what filled it:
    /// eighteen columns side by side do not read on a page. A group not run keeps the paper's numbers beside cells that say so.
    /// </summary>
    public static string Markdown(IReadOnlyList<ComparisonTable> groups)
    {
        if (groups.Count == 1) return Markdown(groups[0].Rows);
        var md = new StringBuilder();
        foreach (var group in groups)
        {
            var source = group.NotRun ?? group.Source;
            md.AppendLine($"### {group.Title}{(source == null ? "" : $": {source}")}");
            md.AppendLine();
            md.Append(Markdown(group.Rows));
            md.AppendLine();
        }
        return md.ToString();
    }

    static string Markdown(IReadOnlyList<TableRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| method | " + string.Join(" | ", Metrics.Select(m => $"{m.Name} (ours) | {m.Name} (paper)")) + " |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|---:|", Metrics.Length)));
        foreach (var row in rows)
            md.AppendLine($"| {row.Method} | " + string.Join(" | ", Cells(row).Select(c => $"{row.NotRun ?? Ours(c)} | {Number(c.Paper)}")) + " |");
        return md.ToString();
    }

    public static string Csv(ComparisonTable table) => Csv([table]);

    /// <summary>One CSV row per (dataset, method); a row not run says why in its mean and std cells.</summary>
    public static string Csv(IReadOnlyList<ComparisonTable> groups)
    {
        var csv = new StringBuilder("dataset,method," + string.Join(",", Metrics.Select(m => $"{m.Name}_mean,{m.Name}_std,{m.Name}_paper")) + ",runs,significant\n");
        foreach (var group in groups)
            foreach (var row in group.Rows)
            {
                var cells = Cells(row).ToList();
                csv.AppendLine($"{group.PaperDataset},{row.Method}," + string.Join(",", cells.Select(c => row.NotRun is { } why
                        ? $"{why},{why},{Number(c.Paper, "R")}"
                        : $"{Number(c.Mean, "R")},{Number(c.Std, "R")},{Number(c.Paper, "R")}"))
                    + $",{cells[0].Runs},{(cells.Any(c => c.Significant) ? "*" : "")}");
            }
        return csv.ToString();
    }

    /// <summary>The paper's orderings (evaluation.md), each checked on our means and stated plainly.</summary>
    public static IReadOnlyList<string> Verdicts(ReproductionReport report)
    {
        var verdicts = new List<string>();
        double? Mean(string method, Func<DelayMetrics, double> metric) => report.Summary(method, metric)?.Mean;

        var best = BestBaselines(report);
        foreach (var (name, value, higher) in Metrics)
        {
            var ours = Mean(Reproduction.CmDcm, value);
            if (ours == null || !best.TryGetValue(name, out var baseline)) continue;
            var theirs = Mean(baseline.Method, value)!.Value;
            bool holds = higher ? ours > theirs : ours < theirs;
            var p = double.IsNaN(baseline.P) ? "no significance test with one seed" : $"paired t-test p = {baseline.P:0.###}";
            verdicts.Add($"CM-DCM vs the best baseline on {name} ({baseline.Method}): {F(ours)} vs {F(theirs)} ({p}): {(holds ? "agrees with the paper" : "disagrees with the paper")}.");
        }

        string[] schemes = ["FNW", "ES-DFM", "DEFER", "DEFUSE"];
        var pairs = schemes.Select(s => (Daily: Mean(s, m => m.AucDelay), Reuse: Mean($"{s}_reuse", m => m.AucDelay))).Where(p => p.Daily != null && p.Reuse != null).ToList();
        if (pairs.Count > 0)
            verdicts.Add(Count(pairs.Count(p => p.Reuse > p.Daily), pairs.Count, "reuse strategy above its daily-delayed counterpart on AUC_delay"));
        var pre = Mean(Reproduction.PreTrained, m => m.AucDelay);
        var daily = schemes.Select(s => Mean(s, m => m.AucDelay)).Where(v => v != null).ToList();
        if (pre != null && daily.Count > 0)
            verdicts.Add(Count(daily.Count(v => v > pre), daily.Count, $"daily-delayed baselines above the pre-trained model ({F(pre)}) on AUC_delay"));
        var full = Mean(Reproduction.CmDcm, m => m.AucDelay);
        var ablations = MethodRegistry.Table3.Where(m => m != Reproduction.CmDcm).Select(m => (Name: m, Auc: Mean(m, x => x.AucDelay))).Where(a => a.Auc != null).ToList();
        if (full != null && ablations.Count > 0)
        {
            var below = ablations.Where(a => a.Auc < full).Select(a => a.Name).ToList();
            verdicts.Add(Count(below.Count, ablations.Count, $"ablations below the full CM-DCM ({F(full)}) on AUC_delay")
                + (below.Count < ablations.Count ? $" Not below: {string.Join(", ", ablations.Where(a => a.Auc >= full).Select(a => $"{a.Name} ({F(a.Auc)})"))}." : ""));
        }
        return verdicts;
    }

    static string Count(int holds, int of, string what) =>
        $"{holds} of {of} {what}: {(holds == of ? "agrees with the paper" : holds == 0 ? "disagrees with the paper" : "partly agrees with the paper")}.";

    /// <summary>Per metric, the best Table 2 baseline by mean and the paired t-test p of CM-DCM against it.</summary>
    static Dictionary<string, (string Method, double P)> BestBaselines(ReproductionReport report)
    {
        var best = new Dictionary<string, (string, double)>();
        var baselines = MethodRegistry.Table2.Where(m => m != Reproduction.CmDcm && report.Summary(m, x => x.AucDelay) != null).ToList();
        foreach (var (name, value, higher) in Metrics)
        {
            if (baselines.Count == 0) continue;
            var method = higher
                ? baselines.MaxBy(m => report.Summary(m, value)!.Value.Mean)!
                : baselines.MinBy(m => report.Summary(m, value)!.Value.Mean)!;
            var ours = PerSeed(report, Reproduction.CmDcm, value);
            var theirs = PerSeed(report, method, value);
            var seeds = ours.Keys.Intersect(theirs.Keys).OrderBy(s => s).ToList();
            best[name] = (method, PairedTTest.PValue(seeds.Select(s => ours[s]).ToList(), seeds.Select(s => theirs[s]).ToList()));
        }
        return best;
    }

    static Dictionary<int, double> PerSeed(ReproductionReport report, string method, Func<DelayMetrics, double> metric) =>
        report.Runs.Where(r => r.Method == method && r.Metrics != null).ToDictionary(r => r.Seed, r => metric(r.Metrics!));

    static TableRow Row(ReproductionReport report, string method, PaperResults.Cell? paper, Dictionary<string, (string Method, double P)>? best)
    {
        TableCell Cell(int k, double? paperValue)
        {
            var (name, value, higher) = Metrics[k];
            var summary = report.Summary(method, value);
            bool significant = false;
            if (best != null && summary != null && best.TryGetValue(name, out var b) && b.P < SignificanceLevel)
            {
                var theirs = report.Summary(b.Method, value)!.Value.Mean;
                significant = higher ? summary.Value.Mean > theirs : summary.Value.Mean < theirs;
            }
            return new TableCell(summary?.Mean, summary?.Std, summary?.Runs ?? 0, paperValue, significant);
        }
        return new TableRow(method, Cell(0, paper?.AucDelay), Cell(1, paper?.AucAll), Cell(2, paper?.NllDelay));
    }

    /// <summary>The metric names of a row's cells, in <see cref="Cells"/> order.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = Metrics.Select(m => m.Name).ToArray();

    public static IEnumerable<TableCell> Cells(TableRow row) => [row.AucDelay, row.AucAll, row.NllDelay];

    /// <summary>Our value as the tables print it: mean ± std over seeds, ∗ when significant, "n/a" when not run.</summary>
    public static string Ours(TableCell c) => c.Mean is not { } mean ? "n/a"
        : (c.Runs > 1 ? $"{F(mean)} ± {F(c.Std ?? 0)}" : F(mean)) + (c.Significant ? "∗" : "");

    /// <summary>The paper's value as the tables print it (empty when the paper has none).</summary>
    public static string Paper(TableCell c) => Number(c.Paper);

    static string Number(double? value, string format = "0.0000") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    static string F(double? value) => Number(value);
}
