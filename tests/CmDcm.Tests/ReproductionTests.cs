using System.Text.Json;
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
        Model = RunConfig.Load("ci").Model with { Hidden = [32, 16, 8], GateHidden = [8, 4], HeadHidden = 8 },
        Pretrain = RunConfig.Load("ci").Pretrain with { Epochs = 1 },
        Finetune = RunConfig.Load("ci").Finetune with { Epochs = 1 },
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

        var manifest = JsonDocument.Parse(File.ReadAllText(dir.File("results/manifest.json"))).RootElement;
        Assert.Equal(3, manifest.GetProperty("dataset_sha256").EnumerateObject().Count()); // events, items, truth
        foreach (var stage in new[] { "simulate", "ingest", "labels", "pre-train", "CM-DCM", "evaluate" })
            Assert.True(manifest.GetProperty("stage_seconds").TryGetProperty(stage, out _), stage);
        var table = File.ReadAllText(dir.File("results/results.md"));
        Assert.Contains("| CM-DCM |", table);
        Assert.Contains("0.8588", table); // the paper's Taobao AUC_delay for CM-DCM, beside ours
        Assert.DoesNotContain("NaN", table);
        Assert.Equal(report.Runs.Count, ResultsWriter.ReadMetrics(dir.File("results")).Runs.Count);
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
    public void RealHeadFileRunsToTheEndAndSaysWhatCannotBeMeasured()
    {
        using var dir = new TempDirectory();
        var config = RunConfig.Load("ci");
        var report = Reproduction.Run(new ReproductionOptions
        {
            Config = config,
            Data = TestPaths.SharedData("taobao-userbehavior-head.csv"),
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
}
