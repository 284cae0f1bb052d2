using CmDcm.Data;

namespace CmDcm.Tests;

/// <summary>Broken inputs given to the real `cmdcm`: one clear message on stderr and exit 2, never a stack trace.</summary>
public class BadInputCliTests
{
    static void AssertOneClearMessage((int ExitCode, string Output, string Error) run, string message)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Output}{run.Error}");
        Assert.Contains(message, run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.DoesNotContain(" at ", run.Error); // a message, not a stack trace
        Assert.DoesNotContain("Exception", run.Error);
    }

    /// <summary>A small valid events.parquet, then the same bytes damaged.</summary>
    static string EventsFile(TempDirectory dir, Func<byte[], byte[]> damage)
    {
        var events = new EventTable();
        for (int i = 0; i < 500; i++) events.Add(i % 37, i, i % 5, (Behavior)(i % 4), 1511539200 + i);
        var path = dir.File("events.parquet");
        EventStore.Write(events, path);
        File.WriteAllBytes(path, damage(File.ReadAllBytes(path)));
        return path;
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("footer cut")]
    [InlineData("garbage")]
    [InlineData("zeroed middle")]
    [InlineData("empty")]
    public void ADamagedParquetFileIsOneMessage(string damage)
    {
        using var dir = new TempDirectory();
        var path = EventsFile(dir, bytes => damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "footer cut" => bytes[..^3],
            "garbage" => [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))],
            "zeroed middle" => [.. bytes[..8], .. new byte[bytes.Length - 200], .. bytes[^192..]],
            _ => [],
        });
        AssertOneClearMessage(Cli.Run(null, "labels", "--events", path, "--out", dir.File("samples.csv")), "events.parquet");
        Assert.False(File.Exists(dir.File("samples.csv")));
    }

    [Fact]
    public void AnIntactParquetFileIsLabelled()
    {
        using var dir = new TempDirectory();
        var (code, output, error) = Cli.Run(null, "labels", "--events", EventsFile(dir, b => b), "--out", dir.File("samples.csv"));
        Assert.True(code == 0, output + error);
        Assert.Contains("500 events in the calendar window", output);
    }

    [Theory]
    [InlineData("labels --events {dir}/missing.parquet --out {dir}/s.csv", "no such events file")]
    [InlineData("labels --events {dir} --out {dir}/s.csv", "is a directory")]
    [InlineData("labels --input {dir} --out {dir}/s.csv", "is a directory")]
    [InlineData("labels --input {dir}/log.csv --format parquet --out {dir}/s.csv", "unknown format 'parquet'")]
    [InlineData("labels --input {dir}/log.csv --items {dir}/nan-items.csv --out {dir}/s.csv", "must be finite")]
    [InlineData("ingest --format tmall-sample --input {dir}/log.csv --out {dir}/out", "line 1 must be the header")]
    [InlineData("reproduce --data {dir}/log.csv --format csv --out {dir}/out --work {dir}/work", "unknown format 'csv'")]
    [InlineData("reproduce --data {dir}/missing.csv --profile ci --out {dir}/out --work {dir}/work", "no such file")]
    [InlineData("reproduce --data {dir} --profile ci --out {dir}/out --work {dir}/work", "is a directory")]
    [InlineData("reproduce --seeds -1 --profile ci --out {dir}/out --work {dir}/work", "--seeds expects non-negative numbers")]
    [InlineData("reproduce --methods , --profile ci --out {dir}/out --work {dir}/work", "--methods names no method")]
    [InlineData("reproduce --profile {dir}/log.csv --out {dir}/out --work {dir}/work", "is not a valid run config")]
    [InlineData("metrics --input {dir}/missing.csv", "no such file")]
    [InlineData("metrics --input {dir}", "is a directory")]
    public void EachBadInputIsOneMessageAndExit2(string arguments, string message)
    {
        using var dir = new TempDirectory();
        dir.Write("log.csv", "1,2,3,pv,1511539200\n1,2,3,buy,1511539300\n");
        dir.Write("nan-items.csv", "item,price,discount\n2,NaN,0.1\n");
        AssertOneClearMessage(Cli.Run(null, arguments.Replace("{dir}", dir.Path).Split(' ')), message);
    }

    [Fact]
    public void NoCommandIsAUsageErrorAndHelpIsNot()
    {
        var (code, _, error) = Cli.Run(null, []);
        Assert.Equal(2, code);
        Assert.Contains("usage: cmdcm COMMAND", error);
        var help = Cli.Run(null, ["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("usage: cmdcm COMMAND", help.Output);
    }

    [Fact]
    public void BinaryGarbageIsQuotedEscaped()
    {
        using var dir = new TempDirectory();
        var path = dir.File("log.csv");
        File.WriteAllBytes(path, [.. "1,2,3,pv,1511539200\n"u8, 0x00, 0x1B, (byte)'[', (byte)'2', (byte)'J', 0xFF, 0xFE, (byte)',', 0x07, (byte)'\n']);
        var run = Cli.Run(null, "ingest", "--format", "taobao", "--input", path, "--out", dir.File("out"), "--reject-threshold", "0.01");
        AssertOneClearMessage(run, @"'\x00\x1B[2J\xFF\xFE,\x07'"); // ESC [2J would clear the terminal if printed raw
    }
}
