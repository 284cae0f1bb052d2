using CmDcm.Data;

namespace CmDcm.Tests;

public class EventStoreTests
{
    static EventTable Sample(int rows)
    {
        var table = new EventTable();
        var random = new Random(7);
        for (int i = 0; i < rows; i++)
            table.Add(random.Next(1, 1000), random.Next(1, int.MaxValue), random.Next(0, 50), (Behavior)random.Next(4), 1511539200 + random.Next(777_600));
        return table;
    }

    static void AssertEqual(EventTable expected, EventTable actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        int n = expected.Count;
        Assert.Equal(expected.User[..n], actual.User[..n]);
        Assert.Equal(expected.Item[..n], actual.Item[..n]);
        Assert.Equal(expected.Category[..n], actual.Category[..n]);
        Assert.Equal(expected.Behavior[..n], actual.Behavior[..n]);
        Assert.Equal(expected.Timestamp[..n], actual.Timestamp[..n]);
    }

    [Fact]
    public void RoundTripKeepsEveryColumnAndTheOrder()
    {
        using var dir = new TempDirectory();
        var events = Sample(5000);
        var path = dir.File(EventStore.FileName);
        EventStore.Write(events, path);
        AssertEqual(events, EventStore.Read(path));
        Assert.Equal([EventStore.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public async Task LargeTablesAreSplitIntoRowGroups()
    {
        using var dir = new TempDirectory();
        var events = Sample(EventStore.RowGroupSize * 2 + 10);
        var path = dir.File(EventStore.FileName);
        EventStore.Write(events, path);
        await using (var reader = await Parquet.ParquetReader.CreateAsync(path))
            Assert.Equal(3, reader.RowGroupCount);
        AssertEqual(events, EventStore.Read(path));
    }

    [Fact]
    public void AnEmptyTableRoundTrips()
    {
        using var dir = new TempDirectory();
        var path = dir.File(EventStore.FileName);
        EventStore.Write(new EventTable(), path);
        Assert.Equal(0, EventStore.Read(path).Count);
    }

    [Fact]
    public void OverwritingReplacesTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File(EventStore.FileName);
        EventStore.Write(Sample(100), path);
        var second = Sample(10);
        EventStore.Write(second, path);
        AssertEqual(second, EventStore.Read(path));
    }

    [Fact]
    public void IngestedRealDataRoundTrips()
    {
        using var dir = new TempDirectory();
        var result = EventIngest.Run(TestPaths.SharedData("taobao-userbehavior-head.csv"), "taobao", Labels.PromotionCalendar.Load("taobao"), dir.Path);
        AssertEqual(result.Events, EventStore.Read(dir.File(EventStore.FileName)));
    }

    [Fact]
    public void ReadingAMissingFileIsAnInputError()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InputError>(() => EventStore.Read(dir.File("nope.parquet")));
    }
}
