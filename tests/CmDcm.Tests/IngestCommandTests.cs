using System.Diagnostics;

namespace CmDcm.Tests;

public class IngestCommandTests
{
    /// <summary>Runs the built CLI (cmdcm.dll is copied next to the test assembly) with a given TZ.</summary>
    static (int ExitCode, string Output, string Error) RunCli(string? timeZone, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cmdcm.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (timeZone != null) start.Environment["TZ"] = timeZone;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void OutputDoesNotDependOnTheHostTimeZone()
    {
        using var dir = new TempDirectory();
        var input = TestPaths.SharedData("taobao-userbehavior-head.csv");
        var utc = Path.Combine(dir.Path, "utc");
        var shanghai = Path.Combine(dir.Path, "shanghai");
        var a = RunCli("UTC", "ingest", "--format", "taobao", "--input", input, "--out", utc);
        var b = RunCli("Asia/Shanghai", "ingest", "--format", "taobao", "--input", input, "--out", shanghai, "--calendar", "taobao", "--reject-threshold", "0.01");
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Contains("rows read 4,321, kept 4,320", a.Output);
        Assert.Contains("2017-11-25 391", a.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(utc, "ingest-report.json")), File.ReadAllBytes(Path.Combine(shanghai, "ingest-report.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(utc, "events.parquet")), File.ReadAllBytes(Path.Combine(shanghai, "events.parquet")));
    }

    [Theory]
    [InlineData("missing.csv", "taobao", "no such file")]
    [InlineData(".", "taobao", "is a directory")]
    [InlineData("in.csv", "parquet", "unknown format")]
    [InlineData("in.csv", "taobao", "is a file; --out names a directory", "in.csv")]
    [InlineData("in.csv", "taobao", "unknown calendar", null, "nope-2099")]
    public void BadInputsGiveOneClearMessage(string input, string format, string message, string? output = null, string calendar = "taobao")
    {
        using var dir = new TempDirectory();
        dir.Write("in.csv", "1,2,3,pv,1511539200\n");
        var (code, _, error) = RunCli(null, "ingest", "--format", format, "--input", Path.Combine(dir.Path, input), "--out", dir.File(output ?? "out"), "--calendar", calendar);
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain(" at ", error); // a message, not a stack trace
    }
}
