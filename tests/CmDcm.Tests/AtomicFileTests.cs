using System.Diagnostics;
using CmDcm.Data;

namespace CmDcm.Tests;

public class AtomicFileTests
{
    [Fact]
    public void TemporariesOfAProcessThatDiedAreRemovedOnTheNextWrite()
    {
        using var dir = new TempDirectory();
        using var finished = Process.Start(new ProcessStartInfo("true"))!;
        finished.WaitForExit();
        var stale = dir.Write($".results.json.{finished.Id}.12345.0123456789abcdef0123456789abcdef.tmp", "{\"half\":");
        // This pid with another start time: an earlier process that had the same pid (a container's PID 1 restarting).
        var earlierIncarnation = dir.Write($".results.json.{Environment.ProcessId}.1.0123456789abcdef0123456789abcdef.tmp", "{\"half\":");
        var other = dir.Write($".other.json.{finished.Id}.12345.0123456789abcdef0123456789abcdef.tmp", "another target's");
        using var inFlight = AtomicFile.Create(dir.File("results.json")); // this process's own write, still open

        AtomicFile.Write(dir.File("results.json"), s => s.Write("{}"u8));

        Assert.Equal("{}", File.ReadAllText(dir.File("results.json")));
        Assert.False(File.Exists(stale), "a dead process's temporary is removed");
        Assert.False(File.Exists(earlierIncarnation), "a temporary of an earlier process with this pid is removed");
        Assert.True(File.Exists(other), "only the written target's temporaries are touched");
        Assert.Single(Directory.GetFiles(dir.Path, ".results.json.*.tmp")); // the running write's own, left alone
    }

    [Fact]
    public void AFailedWriteLeavesThePreviousVersion()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("samples.csv", "old\n");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("new, half"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
