using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CmDcm.Data;
using CmDcm.Pipeline;

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
        WriteText(Path.Combine(outDir, TableFile), MarkdownReport.Render(report, manifest));
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
