using System.Text;
using CmDcm.Data;

namespace CmDcm.Tests;

public class TaobaoReaderTests
{
    /// <summary>Records what the reader hands over, line by line.</summary>
    sealed class RecordingSink : IEventSink
    {
        public readonly List<(long Line, CanonicalEvent Event)> Accepted = new();
        public readonly List<(long Line, RejectReason Reason, string Text)> Rejected = new();
        public readonly List<long> Empty = new();

        public void Accept(in CanonicalEvent e, long line, ReadOnlySpan<byte> text) => Accepted.Add((line, e));
        public void Reject(RejectReason reason, long line, ReadOnlySpan<byte> text) => Rejected.Add((line, reason, Encoding.UTF8.GetString(text)));
        public void EmptyLine(long line) => Empty.Add(line);
    }

    static RecordingSink Read(string content, bool bom = false)
    {
        using var dir = new TempDirectory();
        var sink = new RecordingSink();
        new TaobaoReader().Read(dir.Write("in.csv", content, bom), sink);
        return sink;
    }

    [Fact]
    public void ParsesTheFiveColumns()
    {
        var sink = Read("1,2268318,2520377,pv,1511544070\n7,5,6,buy,1511600000\n");
        Assert.Equal([(1L, new CanonicalEvent(1, 2268318, 2520377, Behavior.Pv, 1511544070)), (2L, new CanonicalEvent(7, 5, 6, Behavior.Buy, 1511600000))], sink.Accepted);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void ReadsEveryBehavior()
    {
        var sink = Read("1,1,1,pv,5\n1,1,1,fav,5\n1,1,1,cart,5\n1,1,1,buy,5\n");
        Assert.Equal([Behavior.Pv, Behavior.Fav, Behavior.Cart, Behavior.Buy], sink.Accepted.Select(a => a.Event.Behavior));
    }

    [Fact]
    public void CrlfLfBomEmptyLinesAndATruncatedLastLine()
    {
        var sink = Read("1,2,3,pv,10\r\n\r\n1,2,3,cart,11\n\n1,2,3,buy,12", bom: true);
        Assert.Equal([1L, 3L, 5L], sink.Accepted.Select(a => a.Line));
        Assert.Equal([10L, 11L, 12L], sink.Accepted.Select(a => a.Event.Timestamp));
        Assert.Equal(1L, sink.Accepted[0].Event.User); // the BOM is not part of the first id
        Assert.Equal([2L, 4L], sink.Empty);
        Assert.Empty(sink.Rejected);
    }

    [Fact]
    public void ABomAloneOrAnEmptyFileGivesNoRows()
    {
        Assert.Empty(Read("", bom: true).Accepted);
        Assert.Empty(Read("").Accepted);
    }

    [Theory]
    [InlineData("1,2,3,pv", RejectReason.BadColumnCount)]
    [InlineData("1,2,3,pv,5,6", RejectReason.BadColumnCount)]
    [InlineData("1;2;3;pv;5", RejectReason.BadColumnCount)]
    [InlineData("u1,2,3,pv,5", RejectReason.NonNumericId)]
    [InlineData("1,,3,pv,5", RejectReason.NonNumericId)]
    [InlineData("1,2,-3,pv,5", RejectReason.NonNumericId)]
    [InlineData("1,2,99999999999999999999,pv,5", RejectReason.NonNumericId)]
    [InlineData("1,2,3,click,5", RejectReason.UnknownBehavior)]
    [InlineData("1,2,3,PV,5", RejectReason.UnknownBehavior)]
    [InlineData("1,2,3,pv,2017-11-25", RejectReason.NonNumericTimestamp)]
    [InlineData("1,2,3,pv,", RejectReason.NonNumericTimestamp)]
    [InlineData("1,2,3,pv,5 ", RejectReason.NonNumericTimestamp)]
    public void RejectsAreClassified(string line, RejectReason reason)
    {
        var sink = Read("1,2,3,pv,5\n" + line + "\n");
        Assert.Single(sink.Accepted);
        var reject = Assert.Single(sink.Rejected);
        Assert.Equal((2L, reason, line), reject);
    }

    [Fact]
    public void LongIdsAndNegativeTimestampsParse()
    {
        var sink = Read("999999999999999999,1234567890123456789,0,pv,-2134949234\n");
        Assert.Equal(new CanonicalEvent(999999999999999999, 1234567890123456789, 0, Behavior.Pv, -2134949234), sink.Accepted.Single().Event);
    }

    [Fact]
    public void LinesLongerThanTheBufferAndManyBuffersAreRead()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 300_000; i++) text.Append(i).Append(",1,2,pv,").Append(1511539200 + i).Append('\n');
        text.Append("1,2,3,pv,").Append(new string('9', 5_000_000)).Append('\n'); // one line bigger than the 4 MB buffer
        text.Append("5,6,7,buy,1");
        var sink = Read(text.ToString());
        Assert.Equal(300_001, sink.Accepted.Count);
        Assert.Equal(299_999L, sink.Accepted[299_999].Event.User);
        Assert.Equal((300_001L, RejectReason.NonNumericTimestamp), (sink.Rejected.Single().Line, sink.Rejected.Single().Reason));
        Assert.Equal(300_002L, sink.Accepted[^1].Line);
    }

    [Fact]
    public void FormatsAreChosenByName()
    {
        Assert.IsType<TaobaoReader>(EventReaders.Get("taobao"));
        var error = Assert.Throws<InputError>(() => EventReaders.Get("csv"));
        Assert.Contains("unknown format 'csv'", error.Message);
        Assert.Contains("taobao", error.Message);
    }
}
