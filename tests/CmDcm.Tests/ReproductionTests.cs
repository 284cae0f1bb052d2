using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CmDcm.Data;
using CmDcm.Data.Simulation;
using CmDcm.Pipeline;
using CmDcm.Reporting;

namespace CmDcm.Tests;

/// <summary>The main job end to end, on a tiny simulator run and on the real Taobao head file.</summary>
public class ReproductionTests
{
    /// <summary>The ci profile with a few hundred simulated users and small layers: seconds, not minutes.</summary>
    static RunConfig Tiny => RunConfig.Load("ci") with
    {
        SimulatorUsers = 400,
        Methods = [Reproduction.PreTrained, Reproduction.CmDcm],
        Model = RunConfig.Load("ci").Model with { Hidden = [32, 16, 8], GateHidden = [8, 4], HeadHidden = 8 },
        Pretrain = RunConfig.Load("ci").Pretrain with { Epochs = 1 },
        Finetune = RunConfig.Load("ci").Finetune with { Epochs = 1 },
        Grid = null,
    };

    [Fact]
    public void SimulatedRunWritesMetricsManifestAndTable()
    {
        using var dir = new TempDirectory();
        var report = Reproduction.Run(new ReproductionOptions { Config = Tiny, OutDir = dir.File("results"), WorkDir = dir.File("data") });

        Assert.Equal([Reproduction.PreTrained, Reproduction.CmDcm], report.Methods);
        Assert.All(report.Runs, r => Assert.NotNull(r.Metrics));
        Assert.All(report.Runs, r => Assert.InRange(r.Metrics!.AucDelay, 0, 1));
        Assert.NotNull(report.Runs.Single(r => r.Method == Reproduction.CmDcm).Effect); // τ vs the simulator's truth

        var manifest = JsonDocument.Parse(File.ReadAllText(dir.File("results/taobao/manifest.json"))).RootElement;
        Assert.Equal(3, manifest.GetProperty("dataset_sha256").EnumerateObject().Count()); // events, items, truth
        foreach (var stage in new[] { "simulate", "ingest", "labels", "pre-train", "CM-DCM", "evaluate" })
            Assert.True(manifest.GetProperty("stage_seconds").TryGetProperty(stage, out _), stage);
        var table = File.ReadAllText(dir.File("results/results.md"));
        Assert.Contains("| CM-DCM |", table);
        Assert.Contains("0.8588", table); // the paper's Taobao AUC_delay for CM-DCM, beside ours
        Assert.DoesNotContain("NaN", table);
        Assert.Equal(report.Runs.Count, ResultsWriter.ReadMetrics(dir.File("results/taobao")).Runs.Count);
    }

    [Fact]
    public void TheGridChoosesLossWeightsOnValidationClicksAndSavesThem()
    {
        using var dir = new TempDirectory();
        var options = new ReproductionOptions
        {
            Config = Tiny with { Grid = new HyperparameterGrid { LambdaCm = [0.0, 3.0], LambdaCf = [0.5] } },
            OutDir = dir.File("r1"),
            WorkDir = dir.File("d"),
        };
        var report = Reproduction.Run(options);

        var grid = report.Grid!;
        Assert.Equal([(1.0, 0.0, 0.5), (1.0, 3.0, 0.5)], grid.Points.Select(p => (p.Alpha, p.LambdaCm, p.LambdaCf)));
        Assert.All(grid.Points, p => Assert.NotNull(p.Validation));
        Assert.NotEqual(grid.Points[0].Validation, grid.Points[1].Validation);
        Assert.Equal(HyperparameterSearch.Choose(grid.Points), grid.Chosen);
        Assert.Equal(report.Clicks.PrePromotionTrain, grid.FitClicks + grid.ValidationClicks); // carved from training, never evaluation
        Assert.Equal(grid.Chosen, ResultsWriter.ReadMetrics(dir.File("r1/taobao")).Grid!.Chosen);
        Assert.Contains("Loss weights chosen on the validation clicks", File.ReadAllText(dir.File("r1/results.md")));

        // The chosen weights are the ones CM-DCM trains with: the same run without a grid but those weights gives its numbers.
        var chosen = Tiny with { Model = grid.Apply(Tiny.Model) };
        var direct = Reproduction.Run(options with { Config = chosen, OutDir = dir.File("r2") });
        Assert.Equal(report.Runs.Single(r => r.Method == Reproduction.CmDcm).Metrics, direct.Runs.Single(r => r.Method == Reproduction.CmDcm).Metrics);
    }

    [Fact]
    public void SameSeedReproducesTheSameMetrics()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var first = Reproduction.Run(new ReproductionOptions { Config = Tiny, OutDir = a.File("r"), WorkDir = a.File("d") });
        var second = Reproduction.Run(new ReproductionOptions { Config = Tiny, OutDir = b.File("r"), WorkDir = b.File("d") });
        Assert.Equal(first.Runs.Select(r => r.Metrics), second.Runs.Select(r => r.Metrics));
    }

    [Fact]
    public void ASecondRunResumesFromTheCacheAndAChangedSettingDoesNot()
    {
        using var dir = new TempDirectory();
        var options = new ReproductionOptions { Config = Tiny, OutDir = dir.File("r1"), WorkDir = dir.File("d") };
        var first = Reproduction.Run(options);
        var again = Reproduction.Run(options with { OutDir = dir.File("r2") });
        Assert.Equal(first.Runs.Select(r => r.Metrics), again.Runs.Select(r => r.Metrics));
        var stages = JsonDocument.Parse(File.ReadAllText(dir.File("r2/taobao/manifest.json"))).RootElement.GetProperty("stage_seconds");
        Assert.False(stages.TryGetProperty("pre-train", out _), "nothing is retrained");
        Assert.False(stages.TryGetProperty("CM-DCM", out _));

        var changed = Reproduction.Run(options with { OutDir = dir.File("r3"), Config = Tiny with { Model = Tiny.Model with { Alpha = 0.5 } } });
        stages = JsonDocument.Parse(File.ReadAllText(dir.File("r3/taobao/manifest.json"))).RootElement.GetProperty("stage_seconds");
        Assert.True(stages.TryGetProperty("CM-DCM", out _), "a changed setting is a new cache key");
        Assert.NotEqual(first.Runs[1].Metrics, changed.Runs[1].Metrics);
    }

    [Fact]
    public void RealHeadFileRunsToTheEndAndSaysWhatCannotBeMeasured()
    {
        using var dir = new TempDirectory();
        var config = Tiny with { SimulatorUsers = null, Methods = null }; // every Table 2/3 row, small layers
        var report = Reproduction.Run(new ReproductionOptions
        {
            Config = config,
            Data = [TestPaths.SharedData("taobao-userbehavior-head.csv")],
            OutDir = dir.File("results"),
            WorkDir = dir.File("data"),
        });

        Assert.Equal(4321, report.Ingest!.RowsRead);
        Assert.Equal(4320, report.Ingest.RowsKept);
        Assert.All(report.Runs, r => Assert.True(r.Metrics != null || r.NotComputable!.Contains("not computable"), r.Method));
        var table = File.ReadAllText(dir.File("results/results.md"));
        Assert.DoesNotContain("NaN", table);
        if (report.Runs.Any(r => r.Metrics == null)) Assert.Contains("could not be computed", table);
    }

    /// <summary>Progress lines in order, synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    sealed class ProgressLines : IProgress<string>
    {
        public readonly List<string> Lines = new();
        public void Report(string value) => Lines.Add(value);
    }

    [Fact]
    public void IndustrialSimTrainsOnTheEarlierCyclesEvaluatesTheLastAndFillsItsOwnColumn()
    {
        using var dir = new TempDirectory();
        var progress = new ProgressLines();
        var config = Tiny with { Methods = [Reproduction.PreTrained, "HDR", Reproduction.CmDcm], DatasetSimulatorUsers = new() { ["industrial-sim"] = 120 } };
        var report = Reproduction.Run(new ReproductionOptions { Config = config, Dataset = PaperDataset.IndustrialSim, OutDir = dir.File("results"), WorkDir = dir.File("data") }, progress);

        Assert.Equal(("industrial-sim", "last-cycle"), (report.Calendar, report.Split));
        Assert.Contains("\"split\": \"last-cycle\"", File.ReadAllText(dir.File("results/industrial-sim/config.json")));
        // Four earlier cycles train, the fifth (D11) is evaluated: every eval click is in the 3 days before Nov 11.
        Assert.True(report.Clicks.PrePromotionTrain > 3 * report.Clicks.PrePromotionEval, $"{report.Clicks}");
        var samples = File.ReadLines(dir.File($"data/{report.Dataset}/samples.csv")).ToList();
        var header = samples[0].Split(',');
        int split = Array.IndexOf(header, "split"), clickTs = Array.IndexOf(header, "click_ts");
        var evalDays = samples.Skip(1).Select(l => l.Split(',')).Where(f => f[split] == "eval")
            .Select(f => BeijingTime.Date(long.Parse(f[clickTs], CultureInfo.InvariantCulture))).Distinct().Order().ToList();
        Assert.Equal([new DateOnly(2026, 11, 8), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 10)], evalDays);
        // HDR retrieves real past events: days of earlier cycles, none of the evaluated one.
        var reused = Regex.Matches(progress.Lines.Single(l => l.StartsWith("HDR: reusing", StringComparison.Ordinal)), @"(\d{4}-\d{2}-\d{2}) cos").Select(m => DateOnly.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(reused);
        Assert.All(reused, d => Assert.True(d < new DateOnly(2026, 11, 8), $"{d}"));
        Assert.All(report.Runs, r => Assert.NotNull(r.Metrics));

        var csv = File.ReadAllLines(dir.File("results/table2.csv"));
        Assert.Contains(csv, l => l.StartsWith("Taobao,CM-DCM,not run (data not present),", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("Industrial,CM-DCM,0.", StringComparison.Ordinal));
        Assert.False(File.Exists(dir.File("results/table3.csv")), "no ablation ran, so there is no Table 3");
    }

    /// <summary>
    /// The simulator's clicks rewritten as the Tmall log (0x01, "u" users, click/collect/cart/alipay, Beijing
    /// `yyyy-MM-dd HH:mm:ss`) in two parts, and a product table that misses every tenth item and lists some items twice.
    /// </summary>
    static (string[] Parts, string Products) TmallLogFromTheSimulator(TempDirectory dir)
    {
        var simulated = dir.File("sim");
        PromotionSimulator.Run(SimulatorConfig.Ci with { Users = 400, Calendar = "tmall-2013" }, simulated);
        string[] actions = ["click", "collect", "cart", "alipay"];
        var lines = File.ReadLines(Path.Combine(simulated, PromotionSimulator.EventsFile)).Select(l => l.Split(',')).ToList();
        string Line(string[] f) => string.Join('\u0001', f[1], "u" + f[0], actions[Array.IndexOf(["pv", "fav", "cart", "buy"], f[3])],
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[4], CultureInfo.InvariantCulture)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)) + "\n";
        var half = lines.Count / 2;
        var parts = new[] { dir.Write("parta.txt", string.Concat(lines.Take(half).Select(Line))), dir.Write("partb.txt", string.Concat(lines.Skip(half).Select(Line))) };
        var items = lines.Select(f => (Item: long.Parse(f[1], CultureInfo.InvariantCulture), Category: f[2])).Distinct().Where(p => p.Item % 10 != 0).ToList();
        var products = string.Concat(items.Select(p => string.Join('\u0001', p.Item, "title", "http://x/p.jpg", $"{p.Category}-1", "b1", "s1") + "\n"))
            + string.Concat(items.Where(p => p.Item % 7 == 0).Select(p => string.Join('\u0001', p.Item, "again", "http://x/q.jpg", "999-9", "b2", "s2") + "\n"));
        return (parts, dir.Write("products.txt", products));
    }

    [Fact]
    public void TheTmallLogInPartsWithItsProductTableFillsTheTmallColumn()
    {
        using var dir = new TempDirectory();
        var (parts, products) = TmallLogFromTheSimulator(dir);
        var report = Reproduction.Run(new ReproductionOptions
        {
            Config = Tiny,
            Dataset = PaperDataset.Tmall,
            Data = parts,
            Products = products,
            OutDir = dir.File("results"),
            WorkDir = dir.File("data"),
        });

        Assert.Equal("tmall-2013", report.Calendar);
        Assert.Equal("parta.txt, partb.txt", report.Ingest!.Input);
        var join = report.Ingest.Products!;
        Assert.True(join.DuplicateItemRows > 0 && join.JoinMisses > 0, $"{join.DuplicateItemRows} duplicate rows, {join.JoinMisses} misses");
        Assert.All(report.Runs, r => Assert.NotNull(r.Metrics));
        var manifest = ResultsWriter.ReadManifest(dir.File("results/tmall"));
        Assert.Equal(3, manifest.DatasetSha256.Count); // both parts and the product table
        var csv = File.ReadAllLines(dir.File("results/table2.csv"));
        Assert.Contains(csv, l => l.StartsWith("Tmall,CM-DCM,0.", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("Taobao,CM-DCM,not run (data not present),", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("Industrial,CM-DCM,not run (data not present),", StringComparison.Ordinal));
        Assert.Contains("- **Tmall** (`tmall`): parta.txt, partb.txt, products.txt;", File.ReadAllText(dir.File("results/results.md")));
    }
}
