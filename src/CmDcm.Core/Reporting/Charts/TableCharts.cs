using Plotly.NET;

namespace CmDcm.Reporting.Charts;

/// <summary>Table 2 / Table 3 as Plotly figures, each with the paper's numbers beside ours (from <see cref="PaperTables"/>).</summary>
public static class TableCharts
{
    /// <summary>
    /// The table as a Plotly table: one row per method, per metric our mean ± std (∗ significant) and the
    /// paper's value, exactly the strings of the Markdown and CSV tables.
    /// </summary>
    public static GenericChart Table(ComparisonTable table)
    {
        var header = new List<string> { "method" };
        foreach (var name in PaperTables.MetricNames) header.AddRange([$"{name} (ours)", $"{name} (paper)"]);
        var columns = new List<string[]> { table.Rows.Select(r => r.Method).ToArray() };
        for (int k = 0; k < PaperTables.MetricNames.Count; k++)
        {
            int metric = k;
            columns.Add(table.Rows.Select(r => PaperTables.Ours(PaperTables.Cells(r).ElementAt(metric))).ToArray());
            columns.Add(table.Rows.Select(r => PaperTables.Paper(PaperTables.Cells(r).ElementAt(metric))).ToArray());
        }
        var trace = Figure.Trace("table",
            ("header", new { values = header, align = "left", fill = new { color = "#e8eef7" }, font = new { size = 13 } }),
            ("cells", new { values = columns, align = "left", height = 26 }));
        return Figure.Of([trace], table.Title, "", "", ("height", 120 + 28 * Math.Max(table.Rows.Count, 1)));
    }

    /// <summary>Grouped bars of AUC_delay per method: ours (mean, ± std as error bars) beside the paper's.</summary>
    public static GenericChart AucDelayBars(ComparisonTable table)
    {
        var methods = table.Rows.Select(r => r.Method).ToArray();
        var ours = Figure.Trace("bar", ("x", methods), ("y", table.Rows.Select(r => r.AucDelay.Mean).ToArray()), ("name", "ours"),
            ("error_y", new { type = "data", array = table.Rows.Select(r => r.AucDelay.Std ?? 0).ToArray(), visible = true }));
        var paper = Figure.Trace("bar", ("x", methods), ("y", table.Rows.Select(r => r.AucDelay.Paper).ToArray()), ("name", $"paper ({table.PaperDataset})"));
        // AUCs differ in the second decimal: an axis from 0 would flatten every bar to the same height.
        var values = table.Rows.SelectMany(r => new[] { r.AucDelay.Mean, r.AucDelay.Paper }).OfType<double>().DefaultIfEmpty(0.5).ToList();
        double low = Math.Max(0, Math.Floor((values.Min() - 0.03) * 20) / 20), high = Math.Min(1, values.Max() + 0.02);
        return Figure.Of([ours, paper], $"AUC_delay per method, ours beside the paper's: {table.Title}", "method", "AUC_delay",
            ("barmode", "group"), ("yaxis", new { title = new { text = "AUC_delay" }, range = new[] { low, high } }));
    }
}
