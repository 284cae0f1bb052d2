using System.Text;
using CmDcm.Data;
using CmDcm.Labels;

namespace CmDcm.Tests;

public class TmallReaderTests
{
    const char S = '\u0001'; // the log's separator

    static long Beijing(int y, int mo, int d, int h, int mi, int s = 0) =>
        new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromHours(8)).ToUnixTimeSeconds();

    static string Log(params string[][] rows) => string.Concat(rows.Select(r => string.Join(S, r) + "\n"));

    sealed class RecordingSink : IEventSink
    {
        public readonly List<(long Line, CanonicalEvent Event)> Accepted = new();
        public readonly List<(long Line, RejectReason Reason, string Text)> Rejected = new();

        public void Accept(in CanonicalEvent e, long line, ReadOnlySpan<byte> text) => Accepted.Add((line, e));
        public void Reject(RejectReason reason, long line, ReadOnlySpan<byte> text) => Rejected.Add((line, reason, Encoding.UTF8.GetString(text)));
        public void EmptyLine(long line) { }
    }

    static RecordingSink Read(TmallReader reader, string content)
    {
        using var dir = new TempDirectory();
        var sink = new RecordingSink();
        reader.Read(dir.Write("in.txt", content), sink);
        return sink;
    }

    [Fact]
    public void TheLogExampleIsACartOfUser45OnBeijingSeptember16()
    {
        var sink = Read(TmallReader.Log, $"123{S}u45{S}cart{S}2013-09-16 23:59:59\n");
        var e = Assert.Single(sink.Accepted).Event;
        Assert.Equal(new CanonicalEvent(45, 123, -1, Behavior.Cart, 1379347199), e);
        Assert.Equal(new DateOnly(2013, 9, 16), BeijingTime.Date(e.Timestamp));
    }

    [Fact]
    public void ActionsMapToTheFourBehaviors()
    {
        var sink = Read(TmallReader.Log, Log(["1", "u1", "click", "2013-09-01 00:00:00"], ["1", "u1", "collect", "2013-09-01 00:00:00"],
            ["1", "u1", "cart", "2013-09-01 00:00:00"], ["1", "u1", "alipay", "2013-09-01 00:00:00"]));
        Assert.Equal([Behavior.Pv, Behavior.Fav, Behavior.Cart, Behavior.Buy], sink.Accepted.Select(a => a.Event.Behavior));
    }

    [Fact]
    public void PrefixesAreStrippedConsistently()
    {
        var sink = Read(TmallReader.Log, Log(["i7", "u45", "click", "2013-09-01 10:00:00"], ["7", "45", "click", "2013-09-01 10:00:01"]));
        Assert.All(sink.Accepted, a => Assert.Equal((45L, 7L), (a.Event.User, a.Event.Item)));
    }

    [Fact]
    public void TheSampleExampleIsAPvAtMinutePrecision()
    {
        var sink = Read(TmallReader.Sample, "item_id,user_id,action,vtime\r\ni1,u1,click,2014/9/5 8:03\r\ni161,u2625,alipay,2014/12/31 23:59\r\n");
        Assert.Equal([(2L, new CanonicalEvent(1, 1, -1, Behavior.Pv, Beijing(2014, 9, 5, 8, 3))), (3L, new CanonicalEvent(2625, 161, -1, Behavior.Buy, Beijing(2014, 12, 31, 23, 59)))], sink.Accepted);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void TheSampleHeaderIsRequired()
    {
        var error = Assert.Throws<InputError>(() => Read(TmallReader.Sample, "i1,u1,click,2014/9/5 8:03\n"));
        Assert.Contains("line 1 must be the header 'item_id,user_id,action,vtime'", error.Message);
        var log = Assert.Throws<InputError>(() => Read(TmallReader.Sample, Log(["1", "u1", "click", "2013-09-01 00:00:00"])));
        Assert.Contains("parses as --format tmall", log.Message);
        Assert.Empty(Read(TmallReader.Sample, "\uFEFFitem_id,user_id,action,vtime\n").Accepted); // a BOM before the header is fine
    }

    [Theory]
    [InlineData("1,u2,click,2013-09-01 00:00:00", RejectReason.BadColumnCount)]
    [InlineData("1\u0001u2\u0001click", RejectReason.BadColumnCount)]
    [InlineData("x1\u0001u2\u0001click\u00012013-09-01 00:00:00", RejectReason.NonNumericId)]
    [InlineData("1\u0001uu2\u0001click\u00012013-09-01 00:00:00", RejectReason.NonNumericId)]
    [InlineData("1\u0001\u0001click\u00012013-09-01 00:00:00", RejectReason.NonNumericId)]
    [InlineData("1\u0001u2\u0001pv\u00012013-09-01 00:00:00", RejectReason.UnknownBehavior)]
    [InlineData("1\u0001u2\u0001click\u00012013-02-30 10:00:00", RejectReason.BadDateTime)]
    [InlineData("1\u0001u2\u0001click\u00012013-09-16 24:00:00", RejectReason.BadDateTime)]
    [InlineData("1\u0001u2\u0001click\u00012013/09/16 10:00:00", RejectReason.BadDateTime)]
    [InlineData("1\u0001u2\u0001click\u00012013-09-16 10:00", RejectReason.BadDateTime)]
    [InlineData("1\u0001u2\u0001click\u00011379347199", RejectReason.BadDateTime)]
    public void LogRejectsAreClassified(string line, RejectReason reason)
    {
        var sink = Read(TmallReader.Log, $"1{S}u2{S}click{S}2013-09-01 00:00:00\n{line}\n");
        Assert.Single(sink.Accepted);
        Assert.Equal((2L, reason, line), Assert.Single(sink.Rejected));
    }

    [Theory]
    [InlineData("i1,u1,click,2014/09/05 08:03", true)]
    [InlineData("i1,u1,click,2014/9/5 8:3", false)]
    [InlineData("i1,u1,click,2014/9/5 8:03:00", false)]
    [InlineData("i1,u1,click,2014-09-05 08:03:00", false)]
    [InlineData("i1,u1,click,2014/2/29 8:03", false)]
    [InlineData("i1,u1,click,2014/9/5", false)]
    public void SampleTimeLayout(string line, bool parses)
    {
        var sink = Read(TmallReader.Sample, "item_id,user_id,action,vtime\n" + line + "\n");
        Assert.Equal(parses ? 1 : 0, sink.Accepted.Count);
        if (!parses) Assert.Equal(RejectReason.BadDateTime, Assert.Single(sink.Rejected).Reason);
    }

    [Fact]
    public void FormatsAreRegistered()
    {
        Assert.Same(TmallReader.Log, EventReaders.Get("tmall"));
        Assert.Same(TmallReader.Sample, EventReaders.Get("tmall-sample"));
        Assert.Equal("tmall-2013", EventReaders.Get("tmall").DefaultCalendar);
        Assert.Equal("tmall-2014", EventReaders.Get("tmall-sample").DefaultCalendar);
        Assert.Equal("taobao", EventReaders.Get("taobao").DefaultCalendar);
    }

    [Fact]
    public void TheCalendarTakesTheYear()
    {
        foreach (var (calendar, year) in new[] { (PromotionCalendar.Load("tmall-2013"), 2013), (PromotionCalendar.Load("tmall", 2014), 2014), (PromotionCalendar.Load("tmall-2013", 2014), 2014) })
        {
            Assert.Equal($"tmall-{year}", calendar.Name);
            Assert.Equal(new PromotionCycle(Beijing(year, 9, 1, 0, 0), Beijing(year, 9, 15, 0, 0), Beijing(year, 9, 21, 0, 0), Beijing(year, 10, 1, 0, 0)), Assert.Single(calendar.Cycles));
            Assert.Equal(Period.Regular, calendar.PeriodOf(Beijing(year, 9, 14, 23, 59, 59)));
            Assert.Equal(Period.PrePromotion, calendar.PeriodOf(Beijing(year, 9, 20, 23, 59, 59)));
            Assert.Equal(Period.Promotion, calendar.PeriodOf(Beijing(year, 9, 30, 23, 59, 59)));
        }
        Assert.Contains("needs a year", Assert.Throws<InputError>(() => PromotionCalendar.Load("tmall")).Message);
        Assert.Contains("fixed dates", Assert.Throws<InputError>(() => PromotionCalendar.Load("taobao", 2013)).Message);
        Assert.Contains("unknown calendar", Assert.Throws<InputError>(() => PromotionCalendar.Load("nope-2013")).Message);
    }

    // ---- the ingest: parts, products, window, report ----

    static readonly PromotionCalendar Tmall2013 = PromotionCalendar.Load("tmall-2013");

    static string Products(params string[][] rows) => Log(rows);

    [Fact]
    public void PartsAreReadInOrderInOnePassWithTheProductJoin()
    {
        using var dir = new TempDirectory();
        var partA = dir.Write("parta.txt", Log(
            ["10", "u1", "click", "2013-04-01 08:00:00"],       // filtered: before the window
            ["10", "u1", "click", "2013-09-16 10:00:00"],
            ["11", "u1", "cart", "2013-09-16 10:00:05"]));
        var partB = dir.Write("partb.txt", Log(
            ["12", "u2", "click", "2013-09-20 23:59:59"],       // item 12 is missing from the products
            ["10", "u2", "click", "2013-02-30 10:00:00"]));     // bad time: rejected with its part and line
        var partC = dir.Write("partc.txt", Log(
            ["11", "u3", "alipay", "2013-09-21 00:00:00"],
            ["10", "u3", "click", "2013-10-01 00:00:00"]));     // filtered: after the window
        var products = dir.Write("products.txt", Products(
            ["10", "title a", "http://x/a.jpg", "50-1", "b1", "s1"],
            ["11", "title b", "http://x/b.jpg", "50-2", "b2", "s1"],
            ["10", "title a again", "http://x/a2.jpg", "50-2", "b1", "s1"], // duplicate item: the first row wins
            ["13", "title c", "http://x/c.jpg", "50-1", "b3", "s2"]));

        var result = EventIngest.Read([partA, partB, partC], "tmall", Tmall2013, rejectThreshold: 1.0, products: products);
        var report = result.Report;
        var e = result.Events;
        Assert.Equal("parta.txt, partb.txt, partc.txt", report.Input);
        Assert.Equal("tmall-2013", report.Calendar);
        Assert.Equal(7, report.RowsRead);
        Assert.Equal(2, report.RowsOutsideWindow);
        Assert.Equal("2013-04-01 08:00:00", report.OutsideWindowMinTimeBeijing);
        Assert.Equal("2013-10-01 00:00:00", report.OutsideWindowMaxTimeBeijing);
        Assert.Equal(1, report.RowsRejected);
        Assert.Equal(new RejectedLine(2, "bad date-time", @"10\x01u2\x01click\x012013-02-30 10:00:00", "partb.txt"), report.FirstRejects.Single());
        Assert.Equal(4, report.RowsKept);
        // File order across the parts; categories 50-1 -> 0, 50-2 -> 1 by first appearance, the miss -1.
        Assert.Equal([1, 1, 2, 3], e.User[..4]);
        Assert.Equal([10, 11, 12, 11], e.Item[..4]);
        Assert.Equal([0, 1, -1, 1], e.Category[..4]);
        Assert.Equal(new DateOnly(2013, 9, 16), BeijingTime.Date(e.Timestamp[0]));
        var p = report.Products!;
        Assert.Equal(("products.txt", 4L, 3L, 2L, 1L, 0L, 1L), (p.Input, p.Rows, p.Items, p.Categories, p.DuplicateItemRows, p.BadRows, p.JoinMisses));
        Assert.Equal("2013-09-16 10:00:00", report.MinTimeBeijing);
        Assert.Equal("2013-09-21 00:00:00", report.MaxTimeBeijing);
        Assert.Contains("products.txt: 3 items in 2 categories, 1 duplicate item rows", report.Summary());
        Assert.Contains("partb.txt, line 2 (bad date-time)", report.Summary());
    }

    [Fact]
    public void ProductsAreRequiredForTheLogOnly()
    {
        using var dir = new TempDirectory();
        var log = dir.Write("log.txt", Log(["1", "u1", "click", "2013-09-16 10:00:00"]));
        Assert.Contains("needs --products", Assert.Throws<InputError>(() => EventIngest.Read([log], "tmall", Tmall2013)).Message);
        var sample = dir.Write("sam.csv", "item_id,user_id,action,vtime\ni1,u1,click,2014/9/16 10:00\n");
        Assert.Contains("--products does not apply", Assert.Throws<InputError>(() => EventIngest.Read([sample], "tmall-sample", PromotionCalendar.Load("tmall-2014"), products: log)).Message);
        var notProducts = dir.Write("bad.txt", "1,2,3,pv,5\n");
        Assert.Contains("is this tianchi_2014001_rec_tmall_product.txt", Assert.Throws<InputError>(() => EventIngest.Read([log], "tmall", Tmall2013, products: notProducts)).Message);
    }

    [Fact]
    public void TheSampleKeepsUnknownCategoriesAndWarnsAboutUncoveredPeriods()
    {
        using var dir = new TempDirectory();
        var sample = dir.Write("sam.csv", "item_id,user_id,action,vtime\ni1,u1,click,2014/9/5 8:03\ni2,u1,cart,2014/9/6 8:03\n");
        var result = EventIngest.Read(sample, "tmall-sample", PromotionCalendar.Load("tmall-2014"));
        Assert.Equal(2, result.Report.RowsKept);
        Assert.Equal([-1, -1], result.Events.Category[..2]);
        Assert.Equal(0, result.Report.MultiCategoryItems);
        Assert.Null(result.Report.Products);
        var warnings = result.Report.Warnings;
        Assert.Equal(3, warnings.Count);
        Assert.Equal("12 of 14 days of the regular period of calendar 'tmall-2014' have no events: 2014-09-01, 2014-09-02, 2014-09-03, 2014-09-04, 2014-09-07, ...", warnings[0]);
        Assert.StartsWith("no events in the pre-promotion period (2014-09-15 .. 2014-09-20) of calendar 'tmall-2014': the data do not cover it (the kept events span 2014-09-05 08:03:00 .. 2014-09-06 08:03:00)", warnings[1]);
        Assert.StartsWith("no events in the promotion period (2014-09-21 .. 2014-09-30)", warnings[2]);
        Assert.Contains("warning: no events in the promotion period", result.Report.Summary());
    }

    [Fact]
    public void AWrongYearFindsNoRowsAndSaysSo()
    {
        using var dir = new TempDirectory();
        var sample = dir.Write("sam.csv", "item_id,user_id,action,vtime\ni1,u1,click,2014/9/5 8:03\n");
        var error = Assert.Throws<InputError>(() => EventIngest.Read(sample, "tmall-sample", Tmall2013));
        Assert.Contains("no rows inside the calendar window of 'tmall-2013' (2013-09-01 .. 2013-09-30)", error.Message);
        Assert.Contains("the rows span 2014-09-05 08:03:00 .. 2014-09-05 08:03:00", error.Message);
        Assert.Contains("--year", error.Message);
    }

    [Theory]
    [InlineData("taobao", "log", "--format tmall")]
    [InlineData("taobao", "sample", "--format tmall-sample")]
    [InlineData("tmall", "taobao", "--format taobao")]
    [InlineData("tmall", "sample", "--format tmall-sample")]
    [InlineData("tmall-sample", "log", "--format tmall")]
    public void AWrongFormatFailsFastNamingTheRightOne(string format, string content, string named)
    {
        using var dir = new TempDirectory();
        var lines = Enumerable.Range(0, 20);
        var text = content switch
        {
            "log" => Log(lines.Select(i => new[] { $"{i}", $"u{i}", "click", "2013-09-16 10:00:00" }).ToArray()),
            "sample" => "item_id,user_id,action,vtime\n" + string.Concat(lines.Select(i => $"i{i},u{i},click,2014/9/16 10:00\n")),
            _ => string.Concat(lines.Select(i => $"{i},2,3,pv,1511539200\n")),
        };
        var input = dir.Write("in.txt", text);
        var products = dir.Write("products.txt", Products(["1", "t", "p", "1-2", "b", "s"]));
        var calendar = PromotionCalendar.Load(format == "taobao" ? "taobao" : "tmall-2013");
        var error = Assert.Throws<InputError>(() => EventIngest.Read([input], format, calendar, products: format == "tmall" ? products : null));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void TheCliReadsPartsWithTheSameResultInAnyHostTimeZone()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("parta.txt", Log(["10", "u1", "click", "2013-09-16 23:59:59"], ["10", "u1", "click", "2013-05-01 00:00:00"]));
        var b = dir.Write("partb.txt", Log(["10", "u1", "alipay", "2013-09-17 00:00:00"]));
        var products = dir.Write("products.txt", Products(["10", "t", "p", "1-2", "b", "s"]));
        var runs = new[] { "UTC", "Asia/Shanghai" }.Select(tz =>
        {
            var output = dir.File(tz.Replace('/', '-'));
            var (code, stdout, stderr) = Cli.Run(tz, "ingest", "--format", "tmall", "--input", a, "--input", b, "--products", products, "--out", output);
            Assert.True(code == 0, stderr);
            Assert.Contains("2013-09-16 1, 2013-09-17 1", stdout);
            Assert.Contains("(calendar tmall-2013)", stdout);
            Assert.Contains("outside the calendar window (filtered) 1 rows", stdout);
            return File.ReadAllBytes(Path.Combine(output, IngestReport.FileName));
        }).ToList();
        Assert.Equal(runs[0], runs[1]);

        var once = Cli.Run(null, "ingest", "--format", "tmall", "--input", a, "--products", products, "--out", dir.File("y"), "--year", "2014");
        Assert.NotEqual(0, once.ExitCode);
        Assert.Contains("tmall-2014", once.Error); // --year overrides the format's default year: nothing in 2014
        var twice = Cli.Run(null, "ingest", "--format", "tmall", "--input", a, "--products", products, "--products", products, "--out", dir.File("z"));
        Assert.Contains("--products is given 2 times", twice.Error);
    }

    [Fact]
    public void TheSampleGivesTheSameBeijingDaysInAnyHostTimeZone()
    {
        using var dir = new TempDirectory();
        // 00:30 and 23:59 Beijing are on other UTC days: a host-zone conversion would move one of them.
        var sample = dir.Write("sam.csv", "item_id,user_id,action,vtime\ni1,u1,click,2014/9/16 0:30\ni1,u1,alipay,2014/9/21 23:59\n");
        var reports = new[] { "UTC", "Asia/Shanghai", "America/Los_Angeles" }.Select(tz =>
        {
            var output = dir.File(tz.Replace('/', '-'));
            var (code, stdout, stderr) = Cli.Run(tz, "ingest", "--format", "tmall-sample", "--input", sample, "--out", output);
            Assert.True(code == 0, stderr);
            Assert.Contains("2014-09-15 0, 2014-09-16 1, 2014-09-17 0", stdout);
            Assert.Contains("2014-09-20 0, 2014-09-21 1, 2014-09-22 0", stdout);
            Assert.Contains("time range 2014-09-16 00:30:00 .. 2014-09-21 23:59:00 (Beijing)", stdout);
            return File.ReadAllBytes(Path.Combine(output, IngestReport.FileName));
        }).ToList();
        Assert.All(reports, r => Assert.Equal(reports[0], r));
    }
}
