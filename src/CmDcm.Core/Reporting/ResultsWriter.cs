using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CmDcm.Data;
using CmDcm.Pipeline;
using CmDcm.Reporting.Charts;

namespace CmDcm.Reporting;

/// <summary>
/// The results layout: each dataset's run in results/&lt;dataset&gt;/ (metrics.json, manifest.json, config.json), and at
/// the top of results/ the combined results.md and Table 2/3 as CSV and Markdown, built from whichever dataset folders
/// exist. Every file is written atomically.
/// </summary>
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

    /// <summary>One dataset's run into its own folder (results/&lt;dataset&gt;/).</summary>
    public static void Write(string datasetDir, ReproductionReport report, RunManifest manifest)
    {
        Directory.CreateDirectory(datasetDir);
        WriteText(Path.Combine(datasetDir, MetricsFile), JsonSerializer.Serialize(report, Json));
        WriteText(Path.Combine(datasetDir, ManifestFile), JsonSerializer.Serialize(manifest, Json));
        WriteText(Path.Combine(datasetDir, ConfigFile), manifest.Config.ToJson());
    }

    /// <summary>
    /// results.md, Table 2/3 as CSV, Markdown and self-contained Plotly HTML, and the AUC_delay and ablation
    /// bars under figures/, from the dataset folders of <paramref name="resultsDir"/> alone (`cmdcm tables` reruns this; no browser needed).
    /// </summary>
    public static void WriteTables(string resultsDir)
    {
        var results = ReadAll(resultsDir);
        WriteText(Path.Combine(resultsDir, TableFile), MarkdownReport.Render(results));
        var table2 = PaperTables.Table2(results);
        WriteText(Path.Combine(resultsDir, "table2.csv"), PaperTables.Csv(table2));
        WriteText(Path.Combine(resultsDir, "table2.md"), $"# {PaperTables.Table2Title}\n\n" + PaperTables.Markdown(table2));
        if (PaperTables.Table3(results) is { } table3)
        {
            WriteText(Path.Combine(resultsDir, "table3.csv"), PaperTables.Csv([table3]));
            WriteText(Path.Combine(resultsDir, "table3.md"), $"# {table3.Title}\n\n" + PaperTables.Markdown([table3]));
        }
        TableCharts.SaveAll(resultsDir, table2, PaperTables.Table2Title, PaperTables.Table3(results));
    }

    /// <summary>Every dataset folder of <paramref name="resultsDir"/> that holds a finished run, in Table 2's column order.</summary>
    public static IReadOnlyList<DatasetResults> ReadAll(string resultsDir)
    {
        var results = PaperDataset.All
            .Where(d => File.Exists(Path.Combine(resultsDir, d.Name, MetricsFile)))
            .Select(d => new DatasetResults(d, ReadMetrics(Path.Combine(resultsDir, d.Name)), ReadManifest(Path.Combine(resultsDir, d.Name))))
            .ToList();
        if (results.Count > 0) return results;
        if (File.Exists(Path.Combine(resultsDir, MetricsFile)))
            throw new InputError($"{resultsDir} holds one run at its top (the layout before several datasets): move {MetricsFile}, {ManifestFile} and {ConfigFile} into {Path.Combine(resultsDir, PaperDataset.Taobao.Name)}/ (or the folder of the dataset it ran)");
        throw new InputError($"{resultsDir}: no results yet (no {string.Join(", ", PaperDataset.All.Select(d => $"{d.Name}/{MetricsFile}"))}); run `cmdcm reproduce` first");
    }

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
