using System.Globalization;
using System.Text;
using CmDcm.Data;
using CmDcm.Labels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CmDcm.Tests;

/// <summary>
/// Property tests (FsCheck): every reader, fed random good lines mixed with mutated ones (wrong column counts,
/// non-numbers, huge numbers, unknown actions, bad times, binary garbage), empty lines, LF or CRLF endings, a
/// UTF-8 BOM and a truncated last line, never throws, reports every line once under its line number, rejects each
/// bad line for its reason and returns every good line exactly.
/// </summary>
public class ReaderPropertyTests
{
    /// <summary>What the reader must make of one generated line.</summary>
    enum Expect { Accept, Reject, RejectAnyReason, Empty, Anything }

    sealed record Line(byte[] Bytes, Expect Expect, CanonicalEvent Event = default, RejectReason Reason = default);

    sealed record LogFile(byte[] Bytes, IReadOnlyList<Line> Lines, int FirstLine)
    {
        public override string ToString() => RejectedLine.Quote(Bytes);
    }

    /// <summary>A format as the generator sees it: how a good line is written, and which tokens break which rule.</summary>
    sealed record Layout(
        LineEventReader Reader,
        char Separator,
        string? Header,
        int IdColumns,
        Func<CanonicalEvent, string[]> Fields,
        Gen<CanonicalEvent> Events,
        string[] BadTimes,
        RejectReason BadTimeReason);

    static readonly string[] TaobaoBehaviors = ["pv", "fav", "cart", "buy"];
    static readonly string[] TmallActions = ["click", "collect", "cart", "alipay"];

    static Gen<long> Id => Gen.Frequency((3, Gen.Choose(0, 99_999).Select(i => (long)i)), (1, Gen.Choose(0, int.MaxValue).Select(i => (long)i * 1_000_003)));

    static Gen<Behavior> Behaviors => Gen.Elements(Behavior.Pv, Behavior.Fav, Behavior.Cart, Behavior.Buy);

    static readonly Layout Taobao = new(new TaobaoReader(), ',', null, 3,
        e => [Text(e.User), Text(e.Item), Text(e.Category), TaobaoBehaviors[(int)e.Behavior], Text(e.Timestamp)],
        from user in Id from item in Id from category in Id from behavior in Behaviors from ts in Gen.Choose(-5, int.MaxValue)
        select new CanonicalEvent(user, item, category, behavior, ts),
        ["", "12a", "1.5e9", "0x10", "--1", "99999999999999999999"], RejectReason.NonNumericTimestamp);

    static readonly Layout TmallLog = new(TmallReader.Log, '\u0001', null, 2,
        e => [Text(e.Item), "u" + Text(e.User), TmallActions[(int)e.Behavior], Beijing(e.Timestamp, "yyyy-MM-dd HH:mm:ss")],
        Tmall(minutes: false),
        ["", "2013-02-30 10:00:00", "2013-09-16T23:59:59", "2013-09-16 24:00:00", "2013/09/16 23:59:59", "99999-01-01 00:00:00"], RejectReason.BadDateTime);

    static readonly Layout TmallSample = new(TmallReader.Sample, ',', "item_id,user_id,action,vtime", 2,
        e => ["i" + Text(e.Item), "u" + Text(e.User), TmallActions[(int)e.Behavior], Beijing(e.Timestamp, "yyyy/M/d H:mm")],
        Tmall(minutes: true),
        ["", "2014-09-05 08:03", "2014/13/5 8:03", "2014/9/5 8:3", "2014/9/5 08:03:00", "20140/9/5 8:03"], RejectReason.BadDateTime);

    /// <summary>Tmall events: category unknown (-1), time a Beijing second (or minute) of 2013-2014.</summary>
    static Gen<CanonicalEvent> Tmall(bool minutes) =>
        from user in Id from item in Id from behavior in Behaviors from offset in Gen.Choose(0, 2 * 365 * 24 * 3600)
        let ts = 1356969600L + (minutes ? offset / 60 * 60 : offset) // 2013-01-01 00:00 +08:00
        select new CanonicalEvent(user, item, TmallReader.UnknownCategory, behavior, ts);

    /// <summary>The event with ids folded into the event table's 31-bit range (larger ids are refused at ingest, docs/decisions.md).</summary>
    static CanonicalEvent Fitted(CanonicalEvent e) =>
        e with { User = e.User % (int.MaxValue + 1L), Item = e.Item % (int.MaxValue + 1L), Category = e.Category % (int.MaxValue + 1L) };

    static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    static string Beijing(long ts, string layout) =>
        DateTimeOffset.FromUnixTimeSeconds(ts).ToOffset(BeijingTime.Offset).ToString(layout, CultureInfo.InvariantCulture);

    static Line Bytes(Layout layout, string[] fields, Expect expect, CanonicalEvent e = default, RejectReason reason = default) =>
        new(Encoding.UTF8.GetBytes(string.Join(layout.Separator, fields)), expect, e, reason);

    /// <summary>A good line, or one mutation of it that breaks exactly one rule (its reason known), or garbage.</summary>
    static Gen<Line> Lines(Layout layout) =>
        from e in layout.Events
        let fields = layout.Fields(e)
        from kind in Gen.Choose(0, 11)
        from column in Gen.Choose(0, layout.IdColumns - 1)
        from badId in Gen.Elements("", "x1", "12x", "-5", "1.0", "99999999999999999999", "１２") // the last: full-width digits
        from badAction in Gen.Elements("", "PV", "view", "click ", "buy\t")
        from badTime in Gen.Elements(layout.BadTimes)
        from noise in Gen.Elements<byte>(0x00, 0x02, 0x7F, 0x80, 0xBF, 0xC3, 0xEF, 0xFE, 0xFF)
        from position in Gen.Choose(0, 1000)
        from garbage in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b).Where(b => b is not ((byte)'\n' or (byte)'\r')))
        select kind switch
        {
            <= 3 => Bytes(layout, fields, Expect.Accept, e),
            4 => Bytes(layout, fields[..^1], Expect.Reject, reason: RejectReason.BadColumnCount),
            5 => Bytes(layout, [.. fields, "7"], Expect.Reject, reason: RejectReason.BadColumnCount),
            6 => Bytes(layout, fields.Select((f, i) => i == column ? badId : f).ToArray(), Expect.Reject, reason: RejectReason.NonNumericId),
            7 => Bytes(layout, fields.Select((f, i) => i == layout.IdColumns ? badAction : f).ToArray(), Expect.Reject, reason: RejectReason.UnknownBehavior),
            8 => Bytes(layout, fields.Select((f, i) => i == fields.Length - 1 ? badTime : f).ToArray(), Expect.Reject, reason: layout.BadTimeReason),
            9 => Insert(Bytes(layout, fields, Expect.RejectAnyReason).Bytes, noise, position),
            10 => new Line([.. garbage, 0x80], Expect.RejectAnyReason), // binary garbage, never valid (good lines are ASCII)
            _ => new Line([], Expect.Empty), // with a CRLF ending the reader sees "\r" alone: empty too
        };

    /// <summary>A good line with one foreign byte (NUL, DEL, a stray UTF-8 lead byte...) put in at some position.</summary>
    static Line Insert(byte[] line, byte noise, int position)
    {
        int at = position % (line.Length + 1);
        return new Line([.. line[..at], noise, .. line[at..]], Expect.RejectAnyReason);
    }

    /// <summary>Lines joined with LF or CRLF each, after an optional BOM (and the header); the last line maybe cut short.</summary>
    static Gen<LogFile> Files(Layout layout) =>
        from lines in Gen.ListOf(Lines(layout))
        from crlf in Gen.ArrayOf(Gen.Elements(false, true), lines.Count + 1)
        from bom in Gen.Elements(false, true)
        from end in Gen.Elements("newline", "none", "truncated")
        from cut in Gen.Choose(1, 1000)
        select Join(layout, lines.ToList(), crlf, bom, end, cut);

    static LogFile Join(Layout layout, List<Line> lines, bool[] crlf, bool bom, string end, int cut)
    {
        var bytes = new List<byte>();
        if (bom) bytes.AddRange([0xEF, 0xBB, 0xBF]);
        if (layout.Header != null) bytes.AddRange(Encoding.ASCII.GetBytes(layout.Header + (crlf[^1] ? "\r\n" : "\n")));
        if (end == "truncated" && lines.Count > 0 && lines[^1].Bytes.Length > 1)
        {
            var last = lines[^1].Bytes;
            lines[^1] = new Line(last[..(1 + cut % (last.Length - 1))], Expect.Anything); // cut anywhere: parsed or rejected, never lost
        }
        for (int i = 0; i < lines.Count; i++)
        {
            bytes.AddRange(lines[i].Bytes);
            bool lastLine = i == lines.Count - 1;
            if (!lastLine || end == "newline" || lines[i].Bytes.Length == 0) bytes.AddRange(crlf[i] ? "\r\n"u8.ToArray() : "\n"u8.ToArray());
        }
        return new LogFile(bytes.ToArray(), lines, layout.Header == null ? 1 : 2);
    }

    /// <summary>Every callback of the reader, by line number.</summary>
    sealed class Outcomes : IEventSink
    {
        public readonly Dictionary<long, List<(Expect Kind, CanonicalEvent Event, RejectReason Reason)>> ByLine = new();

        List<(Expect, CanonicalEvent, RejectReason)> At(long line) => ByLine.TryGetValue(line, out var list) ? list : ByLine[line] = new();
        public void Accept(in CanonicalEvent e, long line, ReadOnlySpan<byte> text) => At(line).Add((Expect.Accept, e, default));
        public void Reject(RejectReason reason, long line, ReadOnlySpan<byte> text) => At(line).Add((Expect.Reject, default, reason));
        public void EmptyLine(long line) => At(line).Add((Expect.Empty, default, default));
    }

    static void ReadsExactly(Layout layout, LogFile file)
    {
        var outcomes = new Outcomes();
        layout.Reader.Read(new MemoryStream(file.Bytes), outcomes); // never throws: an exception fails the property
        var expectedLines = Enumerable.Range(file.FirstLine, file.Lines.Count).Select(l => (long)l).ToHashSet();
        Assert.Equal(expectedLines.Order(), outcomes.ByLine.Keys.Order()); // each line reported, nothing else (not the header)
        for (int i = 0; i < file.Lines.Count; i++)
        {
            var expected = file.Lines[i];
            var (kind, e, reason) = Assert.Single(outcomes.ByLine[file.FirstLine + i]);
            switch (expected.Expect)
            {
                case Expect.Accept:
                    Assert.Equal((Expect.Accept, expected.Event), (kind, e));
                    break;
                case Expect.Reject:
                    Assert.Equal((Expect.Reject, expected.Reason), (kind, reason));
                    break;
                case Expect.RejectAnyReason:
                    Assert.Equal(Expect.Reject, kind);
                    break;
                case Expect.Empty:
                    Assert.Equal(Expect.Empty, kind);
                    break;
            }
        }
    }

    [Property(MaxTest = 300)]
    public Property TaobaoReaderKeepsGoodLinesAndCountsEveryBadOne() => Prop.ForAll(Arb.From(Files(Taobao)), f => ReadsExactly(Taobao, f));

    [Property(MaxTest = 300)]
    public Property TmallLogReaderKeepsGoodLinesAndCountsEveryBadOne() => Prop.ForAll(Arb.From(Files(TmallLog)), f => ReadsExactly(TmallLog, f));

    [Property(MaxTest = 300)]
    public Property TmallSampleReaderKeepsGoodLinesAndCountsEveryBadOne() => Prop.ForAll(Arb.From(Files(TmallSample)), f => ReadsExactly(TmallSample, f));

    /// <summary>
    /// The whole ingest (file on disk, pipelined reader, window and reject checks, report): good lines come out in file
    /// order and unchanged, every bad one is counted under its reason, timestamps outside the window included, and the
    /// quoted rejects are printable.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property IngestReportsEveryRejectByReasonAndKeepsEveryGoodRow()
    {
        var calendar = PromotionCalendar.Load("taobao");
        (string Ts, RejectReason Reason)[] outside =
        [
            (Text(calendar.WindowStart - 1), RejectReason.TimestampBeforeWindow),
            (Text(calendar.WindowEnd), RejectReason.TimestampAfterWindow),
            ("0", RejectReason.TimestampZero),
            ("-1511539200", RejectReason.TimestampNegative),
        ];
        // Good rows inside the window at distinct seconds (so none is a duplicate of another), a quarter moved outside it.
        var lines =
            from line in Lines(Taobao)
            from time in Gen.Choose(0, 3)
            from offset in Gen.Choose(0, (int)(calendar.WindowEnd - calendar.WindowStart - 1))
            select line.Expect == Expect.Accept && time == 0
                ? Bytes(Taobao, [.. Taobao.Fields(line.Event)[..^1], outside[offset % 4].Ts], Expect.Reject, reason: outside[offset % 4].Reason)
                : line.Expect == Expect.Accept
                    ? Bytes(Taobao, [.. Taobao.Fields(Fitted(line.Event))[..^1], Text(calendar.WindowStart + offset)], Expect.Accept,
                        Fitted(line.Event) with { Timestamp = calendar.WindowStart + offset })
                    : line;
        var files =
            from list in Gen.NonEmptyListOf(lines)
            from crlf in Gen.ArrayOf(Gen.Elements(false, true), list.Count + 1)
            from bom in Gen.Elements(false, true)
            from end in Gen.Elements("newline", "none")
            let kept = list.Where(l => l.Expect == Expect.Accept).ToList()
            where kept.DistinctBy(l => l.Event.Timestamp).Count() == kept.Count && list.Any(l => l.Expect != Expect.Empty)
            select Join(Taobao, list.ToList(), crlf, bom, end, 1);
        return Prop.ForAll(Arb.From(files), file =>
        {
            using var dir = new TempDirectory();
            var path = Path.Combine(dir.Path, "log.csv");
            File.WriteAllBytes(path, file.Bytes);
            var (events, report) = EventIngest.Read(path, TaobaoReader.FormatName, calendar, rejectThreshold: 1);

            var good = file.Lines.Where(l => l.Expect == Expect.Accept).Select(l => l.Event).ToList();
            var bad = file.Lines.Where(l => l.Expect is Expect.Reject or Expect.RejectAnyReason).ToList();
            Assert.Equal(good, Enumerable.Range(0, events.Count).Select(i =>
                new CanonicalEvent(events.User[i], events.Item[i], events.Category[i], events.Behavior[i], events.Timestamp[i])));
            Assert.Equal(good.Count + bad.Count, report.RowsRead);
            Assert.Equal(bad.Count, report.RowsRejected);
            Assert.Equal(file.Lines.Count(l => l.Expect == Expect.Empty), report.EmptyLines);
            foreach (var reason in RejectReasons.All)
            {
                long known = bad.Count(l => l.Expect == Expect.Reject && l.Reason == reason);
                Assert.InRange(report.RejectsByReason[reason.Text()], known, known + bad.Count(l => l.Expect == Expect.RejectAnyReason));
            }
            var badLines = file.Lines.Select((l, i) => (l, Number: (long)i + 1)).Where(x => x.l.Expect is Expect.Reject or Expect.RejectAnyReason).Select(x => x.Number);
            Assert.Equal(badLines.Take(10), report.FirstRejects.Select(r => r.Line));
            Assert.All(report.FirstRejects, r => Assert.DoesNotContain(r.Text, char.IsControl)); // escaped, never raw
        });
    }
}
