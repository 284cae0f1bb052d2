using Plotly.NET;

namespace CmDcm.Reporting.Charts;

/// <summary>Table 2 / Table 3 as Plotly figures, each with the paper's numbers beside ours (from <see cref="PaperTables"/>).</summary>
public static class TableCharts
{
    /// <summary>Table 2's AUC_delay per method, ours beside the paper's, under figures/.</summary>
    public const string AucDelayBarsFile = "auc-delay-bars.html";

    /// <summary>Table 3's AUC_delay per ablation, ours beside the paper's, under figures/.</summary>
    public const string AblationBarsFile = "ablation-bars.html";

    /// <summary>
    /// Writes table2.html, table3.html and the two bar charts under figures/ into <paramref name="resultsDir"/>, all
    /// self-contained HTML (no browser needed). Table 2 may have one column group per dataset; Table 3 may be absent.
    /// </summary>
    public static void SaveAll(string resultsDir, IReadOnlyList<ComparisonTable> table2, string table2Title, ComparisonTable? table3)
    {
        ChartOutput.SaveHtml(Table(table2, table2Title), Path.Combine(resultsDir, "table2.html"));
        ChartOutput.SaveHtml(AucDelayBars(table2, "Table 2: AUC_delay per method and dataset, ours (mean ± std over seeds) beside the paper's"),
            Path.Combine(resultsDir, ChartOutput.FiguresFolder, AucDelayBarsFile));
        if (table3 == null) return;
        ChartOutput.SaveHtml(Table(table3), Path.Combine(resultsDir, "table3.html"));
        ChartOutput.SaveHtml(AucDelayBars(table3), Path.Combine(resultsDir, ChartOutput.FiguresFolder, AblationBarsFile));
    }

    /// <summary>
    /// The table as a Plotly table: one row per method, per metric our mean ± std (∗ significant) and the
    /// paper's value, exactly the strings of the Markdown and CSV tables.
    /// </summary>
    public static GenericChart Table(ComparisonTable table) => Table([table], table.Title);

    /// <summary>Several column groups (Table 2's datasets) side by side, each header named by its dataset; a method a group lacks is blank there.</summary>
    public static GenericChart Table(IReadOnlyList<ComparisonTable> groups, string title)
    {
        string Prefix(ComparisonTable g) => groups.Count > 1 ? g.PaperDataset + " " : "";
        var methods = groups.SelectMany(g => g.Rows.Select(r => r.Method)).Distinct().ToArray();
        var header = new List<string> { "method" };
        var columns = new List<string[]> { methods };
        foreach (var group in groups)
            for (int k = 0; k < PaperTables.MetricNames.Count; k++)
            {
                int metric = k;
                var cells = methods.Select(m => group.Rows.FirstOrDefault(r => r.Method == m) is { } row ? PaperTables.Cells(row).ElementAt(metric) : null).ToArray();
                header.AddRange([$"{Prefix(group)}{PaperTables.MetricNames[k]} (ours)", $"{Prefix(group)}{PaperTables.MetricNames[k]} (paper)"]);
                columns.Add(cells.Select(c => c == null ? "" : PaperTables.Ours(c)).ToArray());
                columns.Add(cells.Select(c => c == null ? "" : PaperTables.Paper(c)).ToArray());
            }
        var trace = Figure.Trace("table",
            ("header", new { values = header, align = "left", fill = new { color = "#e8eef7" }, font = new { size = 13 } }),
            ("cells", new { values = columns, align = "left", height = 26 }));
        return Figure.Of([trace], title, "", "",
            ("height", 120 + 30 * (methods.Length + 1)), ("margin", new { t = 60, b = 20, l = 20, r = 20 }),
            ("width", groups.Count > 1 ? 160 + 6 * 120 * groups.Count : (int?)null));
    }

    /// <summary>Grouped bars of AUC_delay per method: ours (mean, ± std as error bars) beside the paper's.</summary>
    public static GenericChart AucDelayBars(ComparisonTable table) =>
        AucDelayBars([table], $"AUC_delay per method, ours beside the paper's: {table.Title}");

    /// <summary>
    /// Grouped bars of AUC_delay per (dataset, method), ours beside the paper's; with several groups the x axis
    /// names the dataset under its methods. A method we did not run has only the paper's bar.
    /// </summary>
    public static GenericChart AucDelayBars(IReadOnlyList<ComparisonTable> groups, string title)
    {
        var bars = groups.SelectMany(g => g.Rows.Select(r => (Dataset: g.PaperDataset, r.Method, Cell: r.AucDelay))).ToList();
        object x = groups.Count > 1
            ? new[] { bars.Select(b => b.Dataset).ToArray(), bars.Select(b => b.Method).ToArray() }   // plotly's two-level category axis
            : bars.Select(b => b.Method).ToArray();
        var ours = Figure.Trace("bar", ("x", x), ("y", bars.Select(b => b.Cell.Mean).ToArray()), ("name", "ours"),
            ("error_y", new { type = "data", array = bars.Select(b => b.Cell.Std ?? 0).ToArray(), visible = true }));
        var paperName = groups.Count == 1 ? $"paper ({groups[0].PaperDataset})" : "paper";
        var paper = Figure.Trace("bar", ("x", x), ("y", bars.Select(b => b.Cell.Paper).ToArray()), ("name", paperName));
        // AUCs differ in the second decimal: an axis from 0 would flatten every bar to the same height.
        var values = bars.SelectMany(b => new[] { b.Cell.Mean, b.Cell.Paper }).OfType<double>().DefaultIfEmpty(0.5).ToList();
        double low = Math.Max(0, Math.Floor((values.Min() - 0.03) * 20) / 20), high = Math.Min(1, values.Max() + 0.02);
        return Figure.Of([ours, paper], title, "method", "AUC_delay",
            ("barmode", "group"), ("yaxis", new { title = new { text = "AUC_delay" }, range = new[] { low, high } }));
    }
}
