using System.Text;
using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Tests;

/// <summary>
/// `ingest` writes events.parquet while it reads (row groups handed to a writer thread as soon as they are
/// final): the file must be the one a write after the read gives, and a user who comes back later in the
/// file (rows not final after all) must still give the checked table, with no temporary file left.
/// </summary>
public class StreamedStoreTests
{
    static readonly PromotionCalendar Taobao = PromotionCalendar.Load("taobao");
    const long Day1 = 1511539200; // Beijing 2017-11-25 00:00

    /// <summary>A Taobao-layout log of 2.5 row groups, users in blocks, with <paramref name="tail"/> appended.</summary>
    static string Log(TempDirectory dir, string tail = "")
    {
        var text = new StringBuilder();
        int rows = EventStore.RowGroupSize * 5 / 2;
        for (int i = 0; i < rows; i++)
            text.Append(i / 40 + 1).Append(',').Append(i % 997 + 1).Append(',').Append(i % 31).Append(',')
                .Append(i % 50 == 49 ? "cart" : "pv").Append(',').Append(Day1 + i % 40 * 600).Append('\n');
        text.Append(tail);
        return dir.Write("UserBehavior.csv", text.ToString());
    }

    static void AssertSameFileAsAWriteAfterTheRead(TempDirectory dir, IngestResult result)
    {
        var reference = dir.File("reference.parquet");
        EventStore.Write(result.Events, reference);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(Path.Combine(dir.File("out"), EventStore.FileName)));
        Assert.Empty(Directory.EnumerateFiles(dir.File("out"), "*.tmp"));
    }

    [Fact]
    public void ContiguousUsersAreStreamedIntoTheSameFile()
    {
        using var dir = new TempDirectory();
        var result = EventIngest.Run(Log(dir), "taobao", Taobao, dir.File("out"));
        Assert.True(result.Report.UsersContiguous);
        Assert.Equal(EventStore.RowGroupSize * 5 / 2, result.Events.Count);
        AssertSameFileAsAWriteAfterTheRead(dir, result);
    }

    [Fact]
    public void AUserComingBackAtTheEndGivesTheCheckedTable()
    {
        using var dir = new TempDirectory();
        // User 1's first row again (a duplicate across blocks, removed only by the global recheck) and a new row.
        var result = EventIngest.Run(Log(dir, $"1,1,0,pv,{Day1}\n1,5,4,pv,{Day1 + 7}\n"), "taobao", Taobao, dir.File("out"));
        Assert.False(result.Report.UsersContiguous);
        Assert.Equal(1, result.Report.DuplicatesRemoved);
        Assert.Equal(EventStore.RowGroupSize * 5 / 2 + 1, result.Events.Count);
        AssertSameFileAsAWriteAfterTheRead(dir, result);
        var stored = EventStore.Read(Path.Combine(dir.File("out"), EventStore.FileName));
        Assert.Equal(result.Events.Count, stored.Count);
        Assert.Equal(result.Events.Item.AsSpan(0, stored.Count).ToArray(), stored.Item.AsSpan(0, stored.Count).ToArray());
    }

    [Fact]
    public void ABadInputLeavesNoOutputBehind()
    {
        using var dir = new TempDirectory();
        // Past the first row group, every line is garbage: the reject limit stops the run mid-stream.
        var input = Log(dir, string.Concat(Enumerable.Repeat("not,a,row\n", EventStore.RowGroupSize / 10)));
        Assert.Throws<InputError>(() => EventIngest.Run(input, "taobao", Taobao, dir.File("out")));
        Assert.False(Directory.Exists(dir.File("out")), "the directory the failed run made is gone");

        // A directory that was there before keeps its earlier events file.
        var earlier = EventIngest.Run(dir.Write("good.csv", $"1,2,3,pv,{Day1}\n"), "taobao", Taobao, dir.File("kept")).Events.Count;
        var before = File.ReadAllBytes(Path.Combine(dir.File("kept"), EventStore.FileName));
        Assert.Throws<InputError>(() => EventIngest.Run(input, "taobao", Taobao, dir.File("kept")));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir.File("kept"), EventStore.FileName)));
        Assert.Equal(2, Directory.GetFiles(dir.File("kept")).Length); // events.parquet and ingest-report.json, no temporary
        Assert.Equal(1, earlier);
    }

    [Fact]
    public void AFileOnTheWayToTheOutputIsRefusedBeforeReading()
    {
        using var dir = new TempDirectory();
        var blocker = dir.Write("afile", "x");
        var error = Assert.Throws<InputError>(() => EventIngest.Run(dir.Write("in.csv", $"1,2,3,pv,{Day1}\n"), "taobao", Taobao, Path.Combine(blocker, "sub")));
        Assert.Contains("is a file, not a directory", error.Message);
    }
}
