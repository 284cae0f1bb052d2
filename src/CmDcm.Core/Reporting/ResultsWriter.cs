using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CmDcm.Data;
using CmDcm.Pipeline;
using CmDcm.Reporting.Charts;

namespace CmDcm.Reporting;

/// <summary>Writes a reproduction's files into results/: metrics.json, manifest.json, config.json and results.md, each atomically.</summary>
public static class ResultsWriter
{
    public const string MetricsFile = "metrics.json";
    public const string ManifestFile = "manifest.json";
    public const string ConfigFile = "config.json";
    public const string TableFile = "results.md";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string outDir, ReproductionReport report, RunManifest manifest)
    {
        Directory.CreateDirectory(outDir);
        WriteText(Path.Combine(outDir, MetricsFile), JsonSerializer.Serialize(report, Json));
        WriteText(Path.Combine(outDir, ManifestFile), JsonSerializer.Serialize(manifest, Json));
        WriteText(Path.Combine(outDir, ConfigFile), manifest.Config.ToJson());
        WriteTables(outDir, report, manifest);
    }

    /// <summary>
    /// results.md, Table 2/3 as CSV, Markdown and self-contained Plotly HTML, and the AUC_delay bars under
    /// figures/ (Table 2) and the ablation bars (Table 3), from results alone (`cmdcm tables` reruns this; no browser needed).
    /// </summary>
    public static void WriteTables(string outDir, ReproductionReport report, RunManifest manifest)
    {
        WriteText(Path.Combine(outDir, TableFile), MarkdownReport.Render(report, manifest));
        var (table2, table3) = (PaperTables.Table2(report), PaperTables.Table3(report));
        foreach (var (name, table) in new[] { ("table2", table2), ("table3", table3) })
        {
            WriteText(Path.Combine(outDir, name + ".csv"), PaperTables.Csv(table));
            WriteText(Path.Combine(outDir, name + ".md"), $"# {table.Title}\n\n" + PaperTables.Markdown(table));
            ChartOutput.SaveHtml(TableCharts.Table(table), Path.Combine(outDir, name + ".html"));
        }
        ChartOutput.SaveHtml(TableCharts.AucDelayBars(table2), Path.Combine(outDir, ChartOutput.FiguresFolder, AucDelayBarsFile));
        ChartOutput.SaveHtml(TableCharts.AucDelayBars(table3), Path.Combine(outDir, ChartOutput.FiguresFolder, AblationBarsFile));
    }

    /// <summary>Table 2's AUC_delay per method, ours beside the paper's, under figures/.</summary>
    public const string AucDelayBarsFile = "auc-delay-bars.html";

    /// <summary>Table 3's AUC_delay per ablation, ours beside the paper's, under figures/.</summary>
    public const string AblationBarsFile = "ablation-bars.html";

    public static RunManifest ReadManifest(string outDir)
    {
        var path = Path.Combine(outDir, ManifestFile);
        if (!File.Exists(path)) throw new InputError($"{path}: no results yet; run `cmdcm reproduce` first");
        return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json) ?? throw new InputError($"{path} is empty");
    }

    public static ReproductionReport ReadMetrics(string outDir)
    {
        var path = Path.Combine(outDir, MetricsFile);
        if (!File.Exists(path)) throw new InputError($"{path}: no results yet; run `cmdcm reproduce` first");
        return JsonSerializer.Deserialize<ReproductionReport>(File.ReadAllText(path), Json) ?? throw new InputError($"{path} is empty");
    }

    static void WriteText(string path, string text) =>
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));
}
