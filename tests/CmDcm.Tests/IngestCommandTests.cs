namespace CmDcm.Tests;

public class IngestCommandTests
{

    [Fact]
    public void OutputDoesNotDependOnTheHostTimeZone()
    {
        using var dir = new TempDirectory();
        var input = TestPaths.SharedData("taobao-userbehavior-head.csv");
        var utc = Path.Combine(dir.Path, "utc");
        var shanghai = Path.Combine(dir.Path, "shanghai");
        var a = Cli.Run("UTC", "ingest", "--format", "taobao", "--input", input, "--out", utc);
        var b = Cli.Run("Asia/Shanghai", "ingest", "--format", "taobao", "--input", input, "--out", shanghai, "--calendar", "taobao", "--reject-threshold", "0.01");
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
        var (code, _, error) = Cli.Run(null, "ingest", "--format", format, "--input", Path.Combine(dir.Path, input), "--out", dir.File(output ?? "out"), "--calendar", calendar);
        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain(" at ", error); // a message, not a stack trace
    }
}
