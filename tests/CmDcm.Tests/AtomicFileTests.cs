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
        var stale = dir.Write($".results.json.{finished.Id}.0123456789abcdef0123456789abcdef.tmp", "{\"half\":");
        var ours = dir.Write($".results.json.{Environment.ProcessId}.fedcba9876543210fedcba9876543210.tmp", "in progress");
        var other = dir.Write($".other.json.{finished.Id}.0123456789abcdef0123456789abcdef.tmp", "another target's");

        AtomicFile.Write(dir.File("results.json"), s => s.Write("{}"u8));

        Assert.Equal("{}", File.ReadAllText(dir.File("results.json")));
        Assert.False(File.Exists(stale), "a dead process's temporary is removed");
        Assert.True(File.Exists(ours), "a running process's temporary is left alone");
        Assert.True(File.Exists(other), "only the written target's temporaries are touched");
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
