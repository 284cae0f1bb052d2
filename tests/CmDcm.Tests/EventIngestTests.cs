using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Tests;

public class EventIngestTests
{
    static readonly PromotionCalendar Taobao = PromotionCalendar.Load("taobao");
    const long Day1 = 1511539200; // Beijing 2017-11-25 00:00

    static IngestResult Ingest(string content, double threshold = 1.0)
    {
        using var dir = new TempDirectory();
        return EventIngest.Read(dir.Write("in.csv", content), "taobao", Taobao, threshold);
    }

    [Theory]
    [InlineData(1511539200L, null)]
    [InlineData(1512316799L, null)]
    [InlineData(1512316800L, RejectReason.TimestampAfterWindow)]
    [InlineData(-2134949234L, RejectReason.TimestampNegative)]
    [InlineData(2122867355L, RejectReason.TimestampAfterWindow)]
    [InlineData(0L, RejectReason.TimestampZero)]
    [InlineData(1511539199L, RejectReason.TimestampBeforeWindow)]
    public void TimestampsAreCheckedAgainstTheCalendarWindow(long timestamp, RejectReason? reason)
    {
        var report = Ingest($"1,2,3,pv,{timestamp}\n").Report;
        Assert.Equal(1, report.RowsRead);
        Assert.Equal(reason == null ? 1 : 0, report.RowsKept);
        foreach (var r in RejectReasons.All) Assert.Equal(r == reason ? 1 : 0, report.RejectsByReason[r.Text()]);
        if (reason is { } expected) Assert.Equal(new RejectedLine(1, expected.Text(), $"1,2,3,pv,{timestamp}"), report.FirstRejects.Single());
    }

    [Fact]
    public void ExactDuplicatesAreRemovedKeepingTheFirst()
    {
        var result = Ingest($"""
            1,10,100,pv,{Day1 + 5}
            1,11,100,pv,{Day1 + 5}
            1,10,100,pv,{Day1 + 5}
            1,10,100,cart,{Day1 + 5}
            1,10,101,pv,{Day1 + 5}
            1,10,100,pv,{Day1 + 6}
            2,10,100,pv,{Day1 + 5}
            1,10,100,pv,{Day1 + 5}

            """);
        Assert.Equal(8, result.Report.RowsRead);
        Assert.Equal(2, result.Report.DuplicatesRemoved);
        Assert.Equal(6, result.Report.RowsKept);
        var e = result.Events;
        Assert.Equal(6, e.Count);
        // File order of the kept rows, the user-1 row of line 8 gone with line 3.
        Assert.Equal([1, 1, 1, 1, 1, 2], e.User[..6]);
        Assert.Equal([10, 11, 10, 10, 10, 10], e.Item[..6]);
        Assert.Equal([Behavior.Pv, Behavior.Pv, Behavior.Cart, Behavior.Pv, Behavior.Pv, Behavior.Pv], e.Behavior[..6]);
        Assert.False(result.Report.UsersContiguous); // user 1 came back after user 2
    }

    [Fact]
    public void SameSecondTiesCountEveryEventBeyondTheFirstOfAUserSecond()
    {
        var report = Ingest($"""
            1,10,100,pv,{Day1}
            1,11,100,pv,{Day1}
            1,12,100,cart,{Day1}
            1,10,100,pv,{Day1}
            1,13,100,pv,{Day1 + 1}
            2,13,100,pv,{Day1 + 1}
            2,14,100,pv,{Day1 + 1}
            3,13,100,pv,{Day1 + 1}
            """).Report;
        // user 1: 3 distinct events in one second (the 4th line is a duplicate) -> 2; user 2: 1; user 3: 0.
        Assert.Equal(1, report.DuplicatesRemoved);
        Assert.Equal(3, report.SameSecondTies);
    }

    [Fact]
    public void ItemsInTwoCategoriesAreCounted()
    {
        var report = Ingest($"""
            1,10,100,pv,{Day1}
            2,10,200,pv,{Day1}
            3,10,300,pv,{Day1}
            1,11,100,pv,{Day1}
            2,11,100,pv,{Day1}
            1,99999999,7,pv,{Day1}
            2,99999999,8,pv,{Day1}
            1,20,2147483647,pv,{Day1}
            2,20,2147483647,pv,{Day1}
            1,21,2147483647,pv,{Day1}
            2,21,5,pv,{Day1}
            1,22,5,pv,{Day1}
            2,22,2147483647,pv,{Day1}
            1,23,2147483647,pv,{Day1}
            2,23,7,pv,{Day1}
            """).Report;
        // Item 10 once although in three categories; the large item id; items 21-23 with large categories (20 has one).
        Assert.Equal(5, report.MultiCategoryItems);
    }

    [Fact]
    public void AnIdBeyondThirtyOneBitsIsAClearErrorNamingTheLine()
    {
        // The event table keeps 32-bit columns (docs/decisions.md); such an id is refused, never truncated.
        var error = Assert.Throws<InputError>(() => Ingest($"""
            1,10,100,pv,{Day1}
            1,2147483648,100,pv,{Day1}
            """));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("2147483648", error.Message);
    }

    [Fact]
    public void BuysWithoutAnEarlierPvOfTheItemByTheUser()
    {
        var report = Ingest($"""
            1,10,100,pv,{Day1 + 10}
            1,10,100,buy,{Day1 + 20}
            1,11,100,buy,{Day1 + 20}
            1,12,100,buy,{Day1 + 30}
            1,12,100,pv,{Day1 + 30}
            1,13,100,buy,{Day1 + 30}
            1,13,100,pv,{Day1 + 31}
            2,10,100,buy,{Day1 + 40}
            """).Report;
        // Without: item 11 (never viewed), item 13 (viewed only later), user 2's buy (the pv was user 1's).
        // Item 12's pv in the same second counts as earlier.
        Assert.Equal(3, report.BuysWithoutEarlierPv);
    }

    [Fact]
    public void PerDayAndPerBehaviorCountsUseBeijingDays()
    {
        var report = Ingest($"""
            1,10,100,pv,{Day1}
            1,10,100,cart,{Day1 + 86399}
            1,10,100,buy,{Day1 + 86400}
            1,10,100,fav,1512316799
            """).Report;
        Assert.Equal(9, report.PerDay.Count);
        Assert.Equal(2, report.PerDay["2017-11-25"]);
        Assert.Equal(1, report.PerDay["2017-11-26"]);
        Assert.Equal(0, report.PerDay["2017-11-27"]);
        Assert.Equal(1, report.PerDay["2017-12-03"]);
        Assert.Equal(new Dictionary<string, long> { ["pv"] = 1, ["fav"] = 1, ["cart"] = 1, ["buy"] = 1 }, report.PerBehavior);
        Assert.Equal(Day1, report.MinTimestamp);
        Assert.Equal(1512316799, report.MaxTimestamp);
        Assert.Equal("2017-11-25 00:00:00", report.MinTimeBeijing);
        Assert.Equal("2017-12-03 23:59:59", report.MaxTimeBeijing);
    }

    [Fact]
    public void FirstRejectsAreQuotedWithLineNumbers()
    {
        var lines = Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? $"1,2,3,pv,{Day1 + i}" : $"1,2,3,oops,{Day1}");
        var report = Ingest(string.Join("\r\n", lines)).Report;
        Assert.Equal(15, report.RowsRejected);
        Assert.Equal(10, report.FirstRejects.Count);
        Assert.Equal(new RejectedLine(2, "unknown behavior", "1,2,3,oops,1511539200"), report.FirstRejects[0]);
        Assert.Equal(20, report.FirstRejects[^1].Line);
    }

    [Fact]
    public void ARejectRateJustAboveTheLimitDoesNotPrintAsEqualToIt()
    {
        // 1,001 of 100,000 = 1.001 %: with two decimals both would read "1.00 %".
        var content = string.Join("\n", Enumerable.Range(0, 100_000).Select(i => i < 1_001 ? $"x{i},2,3,pv,{Day1}" : $"{i},2,3,pv,{Day1 + i % 1000}"));
        var error = Assert.Throws<InputError>(() => Ingest(content, threshold: 0.01));
        Assert.Contains("1,001 of 100,000 rows rejected (1.0010 %), above the 1.0000 % limit", error.Message);
    }

    [Fact]
    public void TooManyRejectsForAWrongFormatStopTheIngest()
    {
        var content = string.Join("\n", Enumerable.Range(0, 100).Select(i => i < 5 ? $"1\t2\t3\tpv\t{Day1}" : $"1,2,3,pv,{Day1 + i}"));
        var error = Assert.Throws<InputError>(() => Ingest(content, threshold: 0.01));
        Assert.Contains("5 of 100 rows rejected", error.Message);
        Assert.Contains("'bad column count'", error.Message);
        Assert.Contains("wrong --format or separator", error.Message);
        Assert.Contains("line 1", error.Message);
        Assert.Equal(95, Ingest(content, threshold: 0.05).Report.RowsKept); // at the limit is accepted
    }

    [Fact]
    public void TooManyOutOfWindowRowsPointAtTheCalendar()
    {
        // Milliseconds instead of seconds: every row is after the window.
        var content = string.Join("\n", Enumerable.Range(0, 50).Select(i => $"1,2,3,pv,{(Day1 + i) * 1000}"));
        var error = Assert.Throws<InputError>(() => Ingest(content, threshold: 0.01));
        Assert.Contains("'timestamp after window'", error.Message);
        Assert.Contains("wrong --calendar", error.Message);
    }

    [Fact]
    public void UsersSplitAcrossTheFileGiveTheSameFactsAsContiguousUsers()
    {
        string[] user1 = [$"1,10,100,pv,{Day1}", $"1,11,100,buy,{Day1}", $"1,10,100,buy,{Day1 + 9}"];
        string[] user2 = [$"2,10,100,pv,{Day1}", $"2,10,100,pv,{Day1}"];
        string[] user1Later = [$"1,12,100,cart,{Day1}", $"1,10,100,pv,{Day1}", $"1,11,100,pv,{Day1 + 1}"];
        var contiguous = Ingest(string.Join("\n", [.. user1, .. user1Later, .. user2])).Report;
        var split = Ingest(string.Join("\n", [.. user1, .. user2, .. user1Later])).Report;
        Assert.True(contiguous.UsersContiguous);
        Assert.False(split.UsersContiguous);
        foreach (var report in new[] { contiguous, split })
        {
            Assert.Equal(2, report.DuplicatesRemoved);
            Assert.Equal(2, report.SameSecondTies); // user 1: pv, buy, cart in one second
            Assert.Equal(1, report.BuysWithoutEarlierPv); // item 11, viewed only a second later
            Assert.Equal(6, report.RowsKept);
        }
    }

    [Fact]
    public void ALargeWrongFileStopsWhileReading()
    {
        // 2M rows of another separator: the limit is enforced after 1M rows, before the end of the file.
        using var dir = new TempDirectory();
        var path = dir.File("big.csv");
        using (var writer = new StreamWriter(path))
            for (int i = 0; i < 2_000_000; i++) writer.Write(i < 10 ? "1,2,3,pv,1511539200\n" : "1;2;3;pv;1511539200\n");
        var error = Assert.Throws<InputError>(() => EventIngest.Read(path, "taobao", Taobao));
        Assert.Contains("of 1,000,000 rows rejected", error.Message);
        Assert.Contains("line 11", error.Message);
    }

    [Fact]
    public void RejectsInLargeFilesKeepTheirLineNumbers()
    {
        var lines = Enumerable.Range(1, 200_000).Select(i => i % 50_000 == 0 ? "x" : $"{i / 100},2,3,pv,{Day1 + i}");
        var report = Ingest(string.Join("\n", lines), threshold: 0.01).Report;
        Assert.Equal([50_000L, 100_000, 150_000, 200_000], report.FirstRejects.Select(r => r.Line));
        Assert.Equal(199_996, report.RowsKept);
    }

    [Fact]
    public void DefaultThresholdIsOnePercent()
    {
        using var dir = new TempDirectory();
        var content = string.Join("\n", Enumerable.Range(0, 100).Select(i => i < 2 ? "bad" : $"1,2,3,pv,{Day1 + i}"));
        Assert.Throws<InputError>(() => EventIngest.Read(dir.Write("in.csv", content), "taobao", Taobao));
        var ok = string.Join("\n", Enumerable.Range(0, 100).Select(i => i < 1 ? "bad" : $"1,2,3,pv,{Day1 + i}"));
        Assert.Equal(99, EventIngest.Read(dir.Write("ok.csv", ok), "taobao", Taobao).Report.RowsKept);
    }

    [Fact]
    public void MissingFilesDirectoriesAndUnknownFormatsAreInputErrors()
    {
        using var dir = new TempDirectory();
        Assert.Contains("no such file", Assert.Throws<InputError>(() => EventIngest.Read(dir.File("none.csv"), "taobao", Taobao)).Message);
        Assert.Contains("is a directory", Assert.Throws<InputError>(() => EventIngest.Read(dir.Path, "taobao", Taobao)).Message);
        Assert.Contains("unknown format", Assert.Throws<InputError>(() => EventIngest.Read(dir.Write("a.csv", "1,2,3,pv,1511539200\n"), "parquet", Taobao)).Message);
        Assert.Contains("no data rows", Assert.Throws<InputError>(() => EventIngest.Read(dir.Write("e.csv", "\n\n"), "taobao", Taobao)).Message);
    }

    [Fact]
    public void RealTaobaoHeadHasOneRowOutsideTheWindow()
    {
        var input = TestPaths.SharedData("taobao-userbehavior-head.csv");
        Assert.True(File.Exists(input), $"missing shared data file {input}");
        using var dir = new TempDirectory();
        var result = EventIngest.Run(input, "taobao", Taobao, dir.Path);
        var report = result.Report;
        Assert.Equal(4321, report.RowsRead);
        Assert.Equal(1, report.RowsRejected);
        Assert.Equal(1, report.RejectsByReason["timestamp before window"] + report.RejectsByReason["timestamp after window"]);
        Assert.Equal(4320, report.RowsKept);
        Assert.Equal(4320, result.Events.Count);
        Assert.Equal(43, result.Events.User[..result.Events.Count].Distinct().Count());
        Assert.Equal(9, report.PerDay.Count(d => d.Value > 0));
        Assert.True(report.UsersContiguous);
        Assert.Equal(report.RowsKept, report.PerBehavior.Values.Sum());
        Assert.True(File.Exists(dir.File(EventStore.FileName)));
        Assert.Equal(report.ToJson(), IngestReport.Read(dir.File(IngestReport.FileName)).ToJson());
    }
}
