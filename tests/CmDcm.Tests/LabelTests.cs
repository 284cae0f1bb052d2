using CmDcm.Data;
using CmDcm.Labels;
using static CmDcm.Tests.Timeline;

namespace CmDcm.Tests;

public class LabelTests
{
    static ClickSamples Single(Timeline timeline, out int row)
    {
        var samples = timeline.Build();
        Assert.Equal(1, samples.Count);
        row = 0;
        return samples;
    }

    [Fact]
    public void BuyLaterTheSameDayIsADirectConversion()
    {
        long buy = Taobao(11, 29, 15);
        var s = Single(new Timeline().Add(1, 10, Behavior.Pv, Taobao(11, 29, 10)).Add(1, 10, Behavior.Buy, buy), out int r);
        Assert.Equal(Period.PrePromotion, s.Period[r]);
        Assert.Equal(1, s.YAll[r]);
        Assert.Equal(0, s.YDelay[r]);
        Assert.Equal(buy, s.FirstBuyTs[r]);
        Assert.Equal(-1, s.YCvr[r]);
        Assert.Equal(-1, s.YAtc[r]);
    }

    [Fact]
    public void BuyDuringThePromotionIsADelayedConversion()
    {
        long buy = Taobao(12, 2, 9);
        var s = Single(new Timeline().Add(1, 10, Behavior.Pv, Taobao(11, 30, 10)).Add(1, 10, Behavior.Buy, buy), out int r);
        Assert.Equal(1, s.YAll[r]);
        Assert.Equal(1, s.YDelay[r]);
        Assert.Equal(buy, s.FirstBuyTs[r]);
    }

    [Fact]
    public void BuySameDayAndInThePromotionIsDirectNotDelayed()
    {
        long sameDay = Taobao(11, 30, 22);
        var s = Single(new Timeline()
            .Add(1, 10, Behavior.Pv, Taobao(11, 30, 10))
            .Add(1, 10, Behavior.Buy, Taobao(12, 3, 1))
            .Add(1, 10, Behavior.Buy, sameDay), out int r);
        Assert.Equal(1, s.YAll[r]);
        Assert.Equal(0, s.YDelay[r]);
        Assert.Equal(sameDay, s.FirstBuyTs[r]);
    }

    [Fact]
    public void BuyOnALaterPrePromotionDayIsANonConversion()
    {
        var s = Single(new Timeline().Add(1, 10, Behavior.Pv, Taobao(11, 29, 10)).Add(1, 10, Behavior.Buy, Taobao(12, 1, 10)), out int r);
        Assert.Equal(0, s.YAll[r]);
        Assert.Equal(0, s.YDelay[r]);
        Assert.Equal(-1, s.FirstBuyTs[r]);
    }

    [Fact]
    public void BuyBeforeTheClickDoesNotCount()
    {
        var s = Single(new Timeline().Add(1, 10, Behavior.Buy, Taobao(11, 29, 9, 59, 59)).Add(1, 10, Behavior.Pv, Taobao(11, 29, 10)), out int r);
        Assert.Equal(0, s.YAll[r]);
    }

    [Fact]
    public void LastSecondBeforeThePromotionThenBuyAtItsFirstSecondIsDelayed()
    {
        var s = Single(new Timeline().Add(1, 10, Behavior.Pv, Taobao(12, 1, 23, 59, 59)).Add(1, 10, Behavior.Buy, Taobao(12, 2, 0)), out int r);
        Assert.Equal(1, s.YDelay[r]);
    }

    [Fact]
    public void CartAfterTheClickIsTreated()
    {
        var s = Single(new Timeline().Add(1, 10, Behavior.Pv, Taobao(11, 29, 10)).Add(1, 10, Behavior.Cart, Taobao(11, 30, 8)), out int r);
        Assert.Equal(1, s.Atc[r]);
        Assert.Equal(0, s.YAll[r]);
    }

    [Fact]
    public void CartBeforeTheClickIsNotTreated()
    {
        var s = Single(new Timeline().Add(1, 10, Behavior.Cart, Taobao(11, 29, 9)).Add(1, 10, Behavior.Pv, Taobao(11, 29, 10)), out int r);
        Assert.Equal(0, s.Atc[r]);
    }

    [Fact]
    public void CartAfterThePromotionStartsIsNotTreated()
    {
        var s = Single(new Timeline()
            .Add(1, 10, Behavior.Pv, Taobao(11, 29, 10))
            .Add(1, 10, Behavior.Cart, Taobao(12, 2, 0))
            .Add(1, 10, Behavior.Buy, Taobao(12, 2, 1)), out int r);
        Assert.Equal(0, s.Atc[r]);
        Assert.Equal(1, s.YDelay[r]);
    }

    [Fact]
    public void PvCartAndBuyInOneSecondAreAConversionAndTreated()
    {
        long t = Taobao(11, 29, 10);
        // The file lists the cart and the buy before the pv: same-second events still count as "at or after".
        var s = Single(new Timeline().Add(1, 10, Behavior.Cart, t).Add(1, 10, Behavior.Buy, t).Add(1, 10, Behavior.Pv, t), out int r);
        Assert.Equal(1, s.YAll[r]);
        Assert.Equal(0, s.YDelay[r]);
        Assert.Equal(1, s.Atc[r]);
        Assert.Equal(t, s.FirstBuyTs[r]);
    }

    [Fact]
    public void RegularClickHasSameDayCvrAndAtc()
    {
        long buy = Taobao(11, 26, 12);
        var samples = new Timeline()
            .Add(1, 10, Behavior.Pv, Taobao(11, 26, 10))
            .Add(1, 10, Behavior.Cart, Taobao(11, 26, 11))
            .Add(1, 10, Behavior.Buy, buy)
            .Add(1, 11, Behavior.Pv, Taobao(11, 26, 10))
            .Add(1, 11, Behavior.Cart, Taobao(11, 27, 11))
            .Add(1, 11, Behavior.Buy, Taobao(11, 27, 12))
            .Build();
        Assert.Equal(2, samples.Count);
        int a = Row(samples, 1, 10, Taobao(11, 26, 10));
        Assert.Equal(Period.Regular, samples.Period[a]);
        Assert.Equal(1, samples.YCvr[a]);
        Assert.Equal(1, samples.YAtc[a]);
        Assert.Equal(buy, samples.FirstBuyTs[a]);
        Assert.Equal(-1, samples.YAll[a]);
        Assert.Equal(-1, samples.YDelay[a]);
        Assert.Equal(-1, samples.Atc[a]);
        Assert.Equal(SampleSplit.None, samples.Split[a]);
        int b = Row(samples, 1, 11, Taobao(11, 26, 10));
        Assert.Equal(0, samples.YCvr[b]);
        Assert.Equal(0, samples.YAtc[b]);
        Assert.Equal(-1, samples.FirstBuyTs[b]);
    }

    [Fact]
    public void OnlyTheFirstPvOfADayIsAClick()
    {
        var samples = new Timeline()
            .Add(1, 10, Behavior.Pv, Taobao(11, 29, 10))
            .Add(1, 10, Behavior.Pv, Taobao(11, 29, 10))
            .Add(1, 10, Behavior.Pv, Taobao(11, 29, 23, 59, 59))
            .Add(1, 10, Behavior.Pv, Taobao(11, 30, 0))
            .Add(1, 10, Behavior.Pv, Taobao(12, 2, 10))   // promotion-period pv: not a click
            .Build();
        Assert.Equal([Taobao(11, 29, 10), Taobao(11, 30, 0)], samples.ClickTs.Select(t => (long)t));
    }

    [Fact]
    public void RowsAreOrderedByUserItemAndClickTime()
    {
        var samples = new Timeline()
            .Add(2, 5, Behavior.Pv, Taobao(11, 30, 10))
            .Add(1, 9, Behavior.Pv, Taobao(11, 30, 9))
            .Add(1, 9, Behavior.Pv, Taobao(11, 29, 9))
            .Add(1, 3, Behavior.Pv, Taobao(11, 30, 11))
            .Add(2, 1, Behavior.Pv, Taobao(11, 25, 11))
            .Build();
        Assert.Equal([1, 1, 1, 2, 2], samples.User);
        Assert.Equal([3, 9, 9, 1, 5], samples.Item);
        Assert.Equal([Taobao(11, 30, 11), Taobao(11, 29, 9), Taobao(11, 30, 9), Taobao(11, 25, 11), Taobao(11, 30, 10)], samples.ClickTs.Select(t => (long)t));
    }

    [Fact]
    public void EveryCycleOfAMultiCycleCalendarHasItsOwnPromotion()
    {
        // industrial-sim cycle 2: regular Jul 8 - Aug 4, pre-promotion Aug 5-7, promotion Aug 8.
        var samples = new Timeline()
            .Add(1, 10, Behavior.Pv, At(2026, 8, 6, 10))
            .Add(1, 10, Behavior.Buy, At(2026, 8, 8, 10))
            .Add(1, 11, Behavior.Pv, At(2026, 8, 6, 10))
            .Add(1, 11, Behavior.Cart, At(2026, 8, 7, 10))
            .Add(1, 11, Behavior.Buy, At(2026, 9, 9, 10))     // the next cycle's promotion: not this click's
            .Add(1, 12, Behavior.Pv, At(2026, 7, 20, 10))
            .Add(1, 12, Behavior.Buy, At(2026, 7, 20, 11))
            .Build("industrial-sim");
        Assert.Equal(3, samples.Count);
        int a = Row(samples, 1, 10, At(2026, 8, 6, 10));
        Assert.Equal(1, samples.Cycle[a]);
        Assert.Equal(1, samples.YDelay[a]);
        Assert.Equal(38f, samples.HoursToPromotion[a]);
        int b = Row(samples, 1, 11, At(2026, 8, 6, 10));
        Assert.Equal(0, samples.YAll[b]);
        Assert.Equal(1, samples.Atc[b]);
        int c = Row(samples, 1, 12, At(2026, 7, 20, 10));
        Assert.Equal(Period.Regular, samples.Period[c]);
        Assert.Equal(1, samples.Cycle[c]);
        Assert.Equal(1, samples.YCvr[c]);
    }

    [Fact]
    public void SamplesCsvLeavesLabelsThatDoNotApplyEmpty()
    {
        var samples = new Timeline()
            .Add(1, 10, Behavior.Pv, Taobao(11, 26, 10))
            .Add(1, 11, Behavior.Pv, Taobao(11, 30, 10))
            .Add(1, 11, Behavior.Buy, Taobao(12, 2, 10))
            .Build(split: new SplitOptions(SplitMode.LastCycle));
        var path = Path.Combine(Path.GetTempPath(), $"cmdcm-samples-{Guid.NewGuid():N}.csv");
        try
        {
            SamplesCsv.Write(samples, path);
            var lines = File.ReadAllLines(path);
            Assert.Equal(SamplesCsv.Header, lines[0]);
            Assert.StartsWith("user,item,category,period,", lines[0]);
            Assert.Equal($"1,10,7,regular,0,{Taobao(11, 26, 10)},0,0,,,,,", lines[1]);
            Assert.Equal($"1,11,7,pre,0,{Taobao(11, 30, 10)},,,1,1,0,{Taobao(12, 2, 10)},eval", lines[2]);
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally { File.Delete(path); }
    }
}
