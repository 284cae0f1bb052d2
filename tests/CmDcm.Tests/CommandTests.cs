using CmDcm.Cli;
using CmDcm.Cli.Commands;
using CmDcm.Evaluation;
using CmDcm.Pipeline;
using CmDcm.Reporting;

namespace CmDcm.Tests;

/// <summary>The labels, metrics, tables and reproduce commands end to end (console output captured; this class is the only one that writes to it).</summary>
public class CommandTests
{
    static string Run(ICommand command, params string[] arguments)
    {
        var previous = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try { Assert.Equal(0, command.Run(new CommandOptions(arguments))); }
        finally { Console.SetOut(previous); }
        return output.ToString();
    }

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "CmDcm.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"no CmDcm.slnx above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void MetricsCommandPrintsExactValues()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cmdcm-scores-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "label,score\n0,0.5\n1,0.9\n1,0.5\n");
        try
        {
            var output = Run(new MetricsCommand(), "--input", path);
            Assert.Contains("AUC       0.750000000000", output);
            Assert.Contains("PR-AUC    0.833333333333", output);
            Assert.Contains("NLL       ", output);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MetricsCommandReportsAOneClassFileAsAnInputError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cmdcm-scores-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "label,score\n1,0.5\n1,0.9\n");
        try { Assert.Contains("no negatives", Assert.Throws<InputError>(() => Run(new MetricsCommand(), "--input", path)).Message); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void LabelsCommandLabelsTheRealTaobaoHead()
    {
        var input = Path.Combine(RepositoryRoot(), "..", "shared", "data", "taobao-userbehavior-head.csv");
        Assert.True(File.Exists(input), $"test data missing: {input} (data.md §7: the real head file lives beside the repository)");
        var output = Path.Combine(Path.GetTempPath(), $"cmdcm-samples-{Guid.NewGuid():N}.csv");
        try
        {
            var report = Run(new LabelsCommand(), "--input", input, "--calendar", "taobao", "--out", output, "--split", "user", "--seed", "9");
            Assert.Contains("4,320 events in the calendar window", report);
            var lines = File.ReadAllLines(output);
            Assert.StartsWith("user,item,category,period,", lines[0]);
            Assert.True(lines.Length > 1000);
            var users = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[3] == "pre").GroupBy(f => f[0]);
            Assert.All(users, g => Assert.Single(g.Select(f => f[^1]).Distinct()));
        }
        finally { File.Delete(output); }
    }

    /// <summary>A finished run of the given methods over seeds 1 and 2, AUC_delay rising with the method's position so orderings are known.</summary>
    static void WriteRun(string resultsDir, PaperDataset dataset, string calendar, string split, string? dataPath, params string[] methods)
    {
        var runs = methods.SelectMany((m, k) => new[] { 1, 2 }.Select(seed =>
            new MethodRun(m, seed, new DelayMetrics(0.6 + 0.01 * k + 0.001 * seed, 0.7, 0.05 - 0.001 * k, 0.1, 1, 1000, 10, 20), null, 1, 1, []))).ToList();
        var report = new ReproductionReport { Dataset = dataset.Name, Calendar = calendar, Split = split, Device = "cpu", Clicks = new(100, 50, 40, 10), Runs = runs };
        var manifest = new RunManifest("abc123", "2026-12-04T00:00:00Z", 1, "cpu", 2, "10.0", "2.7", [1, 2], dataPath, new(), new Dictionary<string, double> { ["labels"] = 1 }, RunConfig.Load("ci"));
        ResultsWriter.Write(Path.Combine(resultsDir, dataset.Name), report, manifest);
    }

    [Fact]
    public void TablesCommandGivesEachPaperDatasetItsColumnGroupAndSaysWhichWereNotRun()
    {
        using var dir = new TempDirectory();
        var results = dir.File("results");
        Assert.Contains("no results yet", Assert.Throws<InputError>(() => Run(new TablesCommand(), "--results", results)).Message);
        WriteRun(results, PaperDataset.Taobao, "taobao", "random", "/data/UserBehavior.csv", "pre-trained", "w/o PG", "DEFER", "CM-DCM");
        WriteRun(results, PaperDataset.IndustrialSim, "industrial-sim", "last-cycle", null, "pre-trained", "w/o PG", "CM-DCM", "w/o CM");

        var printed = Run(new TablesCommand(), "--results", results);

        var csv = File.ReadAllLines(Path.Combine(results, "table2.csv"));
        Assert.StartsWith("dataset,method,AUC_delay_mean,", csv[0]);
        // Every group has the same rows, in the paper's column order; Tmall's cells of ours say why they are empty, beside the paper's numbers.
        Assert.Equal(["Taobao", "Taobao", "Taobao", "Tmall", "Tmall", "Tmall", "Industrial", "Industrial", "Industrial"], csv.Skip(1).Select(l => l.Split(',')[0]));
        Assert.StartsWith("Tmall,CM-DCM,not run (data not present),not run (data not present),0.7401,", csv[6]);
        Assert.StartsWith("Taobao,CM-DCM,0.631", csv[3]);
        Assert.StartsWith("Industrial,DEFER,not run,not run,0.8101,", csv[8]); // a method this dataset did not run
        var table2 = File.ReadAllText(Path.Combine(results, "table2.md"));
        Assert.Contains("| method | AUC_delay (ours) | AUC_delay (paper) | AUC_all (ours) |", table2);
        var groups = table2.Split("### ").Skip(1).ToList();   // one table per dataset, in the paper's column order
        Assert.Equal(["Table 2 (Taobao column): UserBehavior.csv", "Table 2 (Tmall column): not run (data not present)", "Table 2 (Industrial column)"],
            groups.Select(g => g[..g.IndexOf('\n')].Split(": simulator")[0]));
        Assert.Contains("| CM-DCM | not run (data not present) | 0.7401 |", groups[1]);
        Assert.DoesNotContain("|  |", table2);
        Assert.DoesNotContain("| |", table2);

        // Table 3 is the paper's industrial table: the industrial-sim run's ablations, not Taobao's.
        var table3 = File.ReadAllText(Path.Combine(results, "table3.md"));
        Assert.Contains("ablations on industrial-sim (simulator, calendar industrial-sim)", table3);
        Assert.Contains("| w/o CM | 0.6315 ± 0.0007 |", table3);

        var md = File.ReadAllText(Path.Combine(results, ResultsWriter.TableFile));
        Assert.Equal(md.Trim(), printed.Trim());
        Assert.Contains("- **Taobao** (`taobao`): UserBehavior.csv; profile `ci`, calendar `taobao`, split `random`", md);
        Assert.Contains("- **Tmall** (`tmall`): not run (data not present); `cmdcm reproduce --dataset tmall --data tianchi_2014002_rec_tmall_log_parta.txt", md);
        Assert.Contains("split `last-cycle`", md);
        // The orderings are stated per dataset: DEFER is Taobao's best baseline, the pre-trained model industrial-sim's.
        var taobao = md.IndexOf("## Taobao (`taobao`, UserBehavior.csv)", StringComparison.Ordinal);
        var industrial = md.IndexOf("## Industrial (`industrial-sim`, simulator, calendar industrial-sim)", StringComparison.Ordinal);
        Assert.True(taobao > 0 && industrial > taobao, md);
        Assert.Contains("best baseline on AUC_delay (DEFER)", md[taobao..industrial]);
        Assert.Contains("best baseline on AUC_delay (pre-trained)", md[industrial..]);
        Assert.Contains("1 of 1 ablations below the full CM-DCM", md[taobao..industrial]);
        Assert.Contains("1 of 2 ablations below the full CM-DCM (0.6215) on AUC_delay: partly agrees with the paper. Not below: w/o CM (0.6315).", md[industrial..]);
    }

    [Theory]
    [InlineData("needs the real files, since no simulator stands in for it: --dataset tmall --data", "--dataset", "tmall")]
    [InlineData("--dataset industrial-sim is simulated and takes no --data", "--dataset", "industrial-sim", "--data", "x.csv")]
    [InlineData("--format tmall does not fill the Taobao column: use --dataset tmall", "--dataset", "taobao", "--format", "tmall", "--data", "x.txt")]
    [InlineData("--calendar applies to one dataset: add --dataset taobao or industrial-sim", "--calendar", "taobao")]
    [InlineData("unknown dataset 'alibaba': use one of taobao, tmall, industrial-sim", "--dataset", "alibaba")]
    [InlineData("the last-cycle split trains on earlier promotion cycles, and calendar 'taobao' has one", "--dataset", "taobao", "--split", "last-cycle")]
    [InlineData("--format tmall needs --products", "--format", "tmall", "--data", "x.txt")]
    [InlineData("--calendar industrial-sim is the Industrial column's: use --dataset industrial-sim", "--dataset", "taobao", "--calendar", "industrial-sim")]
    public void ReproduceRefusesADatasetItCannotFillBeforeAnyWork(string message, params string[] arguments)
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "x.csv", "x.txt" }) dir.Write(name, "1,2,3,pv,1511539200\n");
        var paths = arguments.Select(a => a.StartsWith("x.", StringComparison.Ordinal) ? dir.File(a) : a);
        var error = Assert.Throws<InputError>(() => Run(new ReproduceCommand(), [.. paths, "--profile", "ci", "--out", dir.File("r"), "--work", dir.File("d")]));
        Assert.Contains(message, error.Message);
        Assert.False(Directory.Exists(dir.File("d")), "nothing was simulated or ingested");
    }
}
