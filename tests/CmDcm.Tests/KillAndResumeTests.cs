using System.Text.Json;
using System.Text.Json.Nodes;
using CmDcm.Data;

namespace CmDcm.Tests;

/// <summary>
/// `cmdcm reproduce` as a real process, killed with SIGKILL at each stage and run again: the rerun ends with the
/// same numbers as a run never interrupted, and no file is ever seen half-written under its final name.
/// </summary>
public class KillAndResumeTests(KillAndResumeTests.Uninterrupted baseline) : IClassFixture<KillAndResumeTests.Uninterrupted>
{
    /// <summary>A few hundred simulated users, small layers, three methods and a two-point grid: each run takes seconds.</summary>
    const string TinyConfig = """
        {
          "profile": "tiny",
          "simulatorPreset": "ci",
          "simulatorUsers": 400,
          "seeds": [1],
          "methods": ["pre-trained", "FNW", "CM-DCM"],
          "device": "cpu",
          "pretrain": { "epochs": 1, "batchSize": 256, "learningRate": 0.01 },
          "finetune": { "epochs": 2, "batchSize": 256, "learningRate": 0.01 },
          "model": {
            "encoder": { "embeddingDim": 8, "userBuckets": 2000, "itemBuckets": 2000, "categoryBuckets": 200 },
            "hidden": [32, 16, 8], "gateHidden": [8, 4], "headHidden": 8
          },
          "grid": { "lambdaCm": [0.3, 1.0] }
        }
        """;

    /// <summary>The run every interrupted one must match, made once for the class.</summary>
    public sealed class Uninterrupted : IDisposable
    {
        public TempDirectory Dir { get; } = new();
        public string Config { get; }
        public JsonNode Metrics { get; }

        public Uninterrupted()
        {
            Config = Dir.Write("tiny.json", TinyConfig);
            var (code, output, error) = Cli.Run(null, Arguments(Config, Dir.File("out"), Dir.File("work")));
            Assert.True(code == 0, output + error);
            Metrics = Comparable(Dir.File("out"));
        }

        public void Dispose() => Dir.Dispose();
    }

    static string[] Arguments(string config, string outDir, string workDir, params string[] more) =>
        ["reproduce", "--dataset", "taobao", "--profile", config, "--out", outDir, "--work", workDir, .. more];

    /// <summary>metrics.json without wall-clock figures (the only numbers that may differ between identical runs).</summary>
    static JsonNode Comparable(string outDir)
    {
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "taobao", "metrics.json")))!;
        foreach (var run in metrics["runs"]!.AsArray())
        {
            run!.AsObject().Remove("train_seconds");
            run.AsObject().Remove("samples_per_second");
        }
        return metrics;
    }

    [Theory]
    [InlineData("[simulate] ...", 1)]
    [InlineData("[ingest] ...", 1)]
    [InlineData("[labels] ...", 1)]
    [InlineData("[pre-train] ...", 1)]
    [InlineData("lambda_cm=1 lambda_cf=0.1: fitting", 1)] // the second grid point, the first one cached
    [InlineData("[evaluate] ...", 1)]                     // the pre-trained model's evaluation
    [InlineData("CM-DCM epoch 1/2", 3)]                   // mid-training: the final CM-DCM's second epoch (after the grid's two)
    public void AKilledRunResumesToTheSameNumbers(string stage, int occurrence)
    {
        using var dir = new TempDirectory();
        string outDir = dir.File("out"), workDir = dir.File("work");
        Cli.KillWhen(stage, occurrence, Arguments(baseline.Config, outDir, workDir));
        Assert.False(File.Exists(Path.Combine(outDir, "taobao", "metrics.json")), $"killed at '{stage}' after the run had finished");
        AssertNoPartialFiles(dir.Path);

        var (code, output, error) = Cli.Run(null, Arguments(baseline.Config, outDir, workDir));
        Assert.True(code == 0, output + error);
        Assert.Equal(baseline.Metrics.ToJsonString(), Comparable(outDir).ToJsonString());
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories)); // the killed run's temporaries removed
        if (stage is "CM-DCM epoch 1/2" or "[evaluate] ...")
            Assert.DoesNotContain("[pre-train] ...", output); // resumed from the cached pre-trained model, not redone
        if (stage == "CM-DCM epoch 1/2")
            Assert.Contains("2 of 3 methods already done", output);
    }

    [Fact]
    public void AChangedInputFileIsNeverServedTheStaleCache()
    {
        using var dir = new TempDirectory();
        var simulated = Directory.GetDirectories(baseline.Dir.File("work"), "simulated-*").Single();
        var log = dir.File("log.csv");
        File.Copy(Path.Combine(simulated, "UserBehavior.csv"), log);
        string[] Run()
        {
            var (code, output, error) = Cli.Run(null, Arguments(baseline.Config, dir.File("out"), dir.File("work"), "--data", log, "--methods", "pre-trained"));
            Assert.True(code == 0, output + error);
            return output.Split('\n');
        }
        static string CacheOf(string[] lines) => lines.Single(l => l.Contains("run cache ")).Split("run cache ")[1];

        var first = Run();
        File.SetLastWriteTimeUtc(log, DateTime.UtcNow.AddHours(1)); // the same bytes, touched: still the same inputs
        var touched = Run();
        Assert.Equal(CacheOf(first), CacheOf(touched));
        Assert.DoesNotContain(touched, l => l.Contains("[pre-train] ..."));

        // Same name, different bytes: every tenth line dropped.
        File.WriteAllLines(log, File.ReadLines(Path.Combine(simulated, "UserBehavior.csv")).Where((_, i) => i % 10 != 0));
        var changed = Run();
        Assert.NotEqual(CacheOf(first), CacheOf(changed));
        Assert.Contains(changed, l => l.Contains("[pre-train] ..."));
    }

    /// <summary>Every file under its final name is whole: JSON parses, Parquet reads, text ends with its last newline.</summary>
    static void AssertNoPartialFiles(string root)
    {
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal)) continue; // a temporary name: never read
            Assert.False(name.EndsWith(".tmp", StringComparison.Ordinal), $"{path}: a temporary file outside the AtomicFile naming");
            switch (Path.GetExtension(name))
            {
                case ".json": JsonDocument.Parse(File.ReadAllBytes(path)).Dispose(); break;
                case ".parquet": EventStore.Read(path); break;
                case ".csv" or ".md": Assert.True(File.ReadAllBytes(path) is [.., (byte)'\n'], $"{path}: ends mid-line"); break;
                case ".weights": Assert.True(new FileInfo(path).Length > 0, path); break;
            }
        }
    }
}
