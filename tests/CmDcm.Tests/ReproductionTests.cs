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
        Assert.Equal(grid.Chosen, ResultsWriter.ReadMetrics(dir.File("r1")).Grid!.Chosen);
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
    public void TheTrainedCmDcmComesBackFromTheCacheAndScoresAsTheRunDid()
    {
        using var dir = new TempDirectory();
        var options = new ReproductionOptions { Config = Tiny, OutDir = dir.File("results"), WorkDir = dir.File("data") };
        Assert.Null(Reproduction.LoadCmDcm(options, seed: 1)); // nothing trained yet
        var report = Reproduction.Run(options);

        var trained = Reproduction.LoadCmDcm(options, seed: 1);

        Assert.NotNull(trained);
        var s = trained.Data.Samples;
        var scores = CmDcm.Training.Predictor.Score(trained.Model, trained.Batches, trained.Eval);
        var metrics = CmDcm.Evaluation.DelayMetrics.Compute(trained.Eval.Select(i => s.YAll[i]).ToArray(), trained.Eval.Select(i => s.YDelay[i]).ToArray(), scores.PDelay, scores.PAll);
        Assert.Equal(report.Runs.Single(r => r.Method == Reproduction.CmDcm).Metrics!.AucDelay, metrics.AucDelay, 12);
    }

    [Fact]
    public void ASecondRunResumesFromTheCacheAndAChangedSettingDoesNot()
    {
        using var dir = new TempDirectory();
        var options = new ReproductionOptions { Config = Tiny, OutDir = dir.File("r1"), WorkDir = dir.File("d") };
        var first = Reproduction.Run(options);
        var again = Reproduction.Run(options with { OutDir = dir.File("r2") });
        Assert.Equal(first.Runs.Select(r => r.Metrics), again.Runs.Select(r => r.Metrics));
        var stages = JsonDocument.Parse(File.ReadAllText(dir.File("r2/manifest.json"))).RootElement.GetProperty("stage_seconds");
        Assert.False(stages.TryGetProperty("pre-train", out _), "nothing is retrained");
        Assert.False(stages.TryGetProperty("CM-DCM", out _));

        var changed = Reproduction.Run(options with { OutDir = dir.File("r3"), Config = Tiny with { Model = Tiny.Model with { Alpha = 0.5 } } });
        stages = JsonDocument.Parse(File.ReadAllText(dir.File("r3/manifest.json"))).RootElement.GetProperty("stage_seconds");
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
