using CmDcm.Cli;
using CmDcm.Cli.Commands;

namespace CmDcm.Tests;

/// <summary>The labels and metrics commands end to end (console output captured; this class is the only one that writes to it).</summary>
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
}
