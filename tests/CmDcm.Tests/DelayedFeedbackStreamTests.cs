using CmDcm.Data;
using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Training.Streams;
using static CmDcm.Features.FeedbackKind;

namespace CmDcm.Tests;

public class DelayedFeedbackStreamTests
{
    const long Hour = 3600;
    static readonly long T0 = Timeline.At(2017, 11, 25, 10);

    // The four hand-made timelines under the daily windows c = 1 h, W = 1 day.
    static readonly FeedbackClick WithinC = Daily(0, T0 + 10 * 60);
    static readonly FeedbackClick AfterC = Daily(1, T0 + 5 * Hour);
    static readonly FeedbackClick AfterW = Daily(2, T0 + 30 * Hour);
    static readonly FeedbackClick Never = Daily(3, -1);

    static FeedbackClick Daily(int row, long tv) => new(row, T0, tv, T0 + Hour, T0 + 24 * Hour);

    static StreamRow[] Rows(FeedbackClick click, FeedbackScheme scheme) => DelayedFeedbackStream.RowsOf(click, scheme).ToArray();

    static StreamRow R(int row, float label, FeedbackKind kind, long at) => new(row, label, kind, at);

    [Fact]
    public void FnwEmitsEveryClickAsANegativeAtClickTimeAndEachPositiveAgainAtPurchase()
    {
        Assert.Equal([R(0, 0, ObservedNegative, T0), R(0, 1, DelayedPositive, T0 + 10 * 60)], Rows(WithinC, FeedbackScheme.Fnw));
        Assert.Equal([R(1, 0, ObservedNegative, T0), R(1, 1, DelayedPositive, T0 + 5 * Hour)], Rows(AfterC, FeedbackScheme.Fnw));
        Assert.Equal([R(2, 0, ObservedNegative, T0)], Rows(AfterW, FeedbackScheme.Fnw)); // a purchase after W is a negative
        Assert.Equal([R(3, 0, ObservedNegative, T0)], Rows(Never, FeedbackScheme.Fnw));
    }

    [Theory]
    [InlineData(FeedbackScheme.EsDfm)]
    [InlineData(FeedbackScheme.Defuse)]
    public void EsDfmAndDefuseEmitTheObservedLabelAtCAndDelayedPositivesAtPurchase(FeedbackScheme scheme)
    {
        Assert.Equal([R(0, 1, ImmediatePositive, T0 + Hour)], Rows(WithinC, scheme));
        Assert.Equal([R(1, 0, ObservedNegative, T0 + Hour), R(1, 1, DelayedPositive, T0 + 5 * Hour)], Rows(AfterC, scheme));
        Assert.Equal([R(2, 0, ObservedNegative, T0 + Hour)], Rows(AfterW, scheme));
        Assert.Equal([R(3, 0, ObservedNegative, T0 + Hour)], Rows(Never, scheme));
    }

    [Fact]
    public void DeferAddsRealLabelDuplicatesAtTheEndOfW()
    {
        Assert.Equal([R(0, 1, ImmediatePositive, T0 + Hour), R(0, 1, ImmediatePositive, T0 + 24 * Hour)], Rows(WithinC, FeedbackScheme.Defer));
        Assert.Equal([R(1, 0, ObservedNegative, T0 + Hour), R(1, 1, DelayedPositive, T0 + 5 * Hour)], Rows(AfterC, FeedbackScheme.Defer));
        Assert.Equal([R(2, 0, ObservedNegative, T0 + Hour), R(2, 0, RealNegative, T0 + 24 * Hour)], Rows(AfterW, FeedbackScheme.Defer));
        Assert.Equal([R(3, 0, ObservedNegative, T0 + Hour), R(3, 0, RealNegative, T0 + 24 * Hour)], Rows(Never, FeedbackScheme.Defer));
    }

    [Fact]
    public void APurchaseExactlyAtTheEndOfCIsDelayedAndAtTheEndOfWIsANegative()
    {
        Assert.Equal([R(4, 0, ObservedNegative, T0 + Hour), R(4, 1, DelayedPositive, T0 + Hour)], Rows(Daily(4, T0 + Hour), FeedbackScheme.EsDfm));
        Assert.Equal([R(5, 0, ObservedNegative, T0 + Hour)], Rows(Daily(5, T0 + 24 * Hour), FeedbackScheme.EsDfm));
    }

    [Fact]
    public void OutcomesGiveEachClickItsFinalFate()
    {
        Assert.Equal(R(0, 1, ImmediatePositive, T0 + 24 * Hour), DelayedFeedbackStream.Outcome(WithinC));
        Assert.Equal(R(1, 1, DelayedPositive, T0 + 24 * Hour), DelayedFeedbackStream.Outcome(AfterC));
        Assert.Equal(R(2, 0, RealNegative, T0 + 24 * Hour), DelayedFeedbackStream.Outcome(AfterW));
        Assert.Equal(R(3, 0, RealNegative, T0 + 24 * Hour), DelayedFeedbackStream.Outcome(Never));
    }

    /// <summary>Regular clicks on Nov 25, pre-promotion clicks on Nov 29 (one Eval), promotion Dec 1-2.</summary>
    internal static (ClickSamples Samples, PromotionCalendar Calendar) Table()
    {
        var calendar = new PromotionCalendar("test", [new PromotionCycle(
            BeijingTime.StartOf(new DateOnly(2017, 11, 25)), BeijingTime.StartOf(new DateOnly(2017, 11, 28)),
            BeijingTime.StartOf(new DateOnly(2017, 12, 1)), BeijingTime.StartOf(new DateOnly(2017, 12, 3)))]);
        var s = new ClickSamples(8, hasPrice: false);
        void Regular(int i, long tc, long tv)
        {
            s.Period[i] = Period.Regular; s.ClickTs[i] = (int)tc; s.FirstBuyTs[i] = (int)tv;
            s.YCvr[i] = (sbyte)(tv >= 0 ? 1 : 0); s.YAtc[i] = 0;
        }
        void Pre(int i, long tc, long tv, bool delayed, SampleSplit split = SampleSplit.Train)
        {
            s.Period[i] = Period.PrePromotion; s.ClickTs[i] = (int)tc; s.FirstBuyTs[i] = (int)tv; s.Split[i] = split;
            s.YAll[i] = (sbyte)(tv >= 0 ? 1 : 0); s.YDelay[i] = (sbyte)(delayed ? 1 : 0); s.Atc[i] = 0;
        }
        Regular(0, Timeline.At(2017, 11, 25, 10), Timeline.At(2017, 11, 25, 10, 20));   // within c
        Regular(1, Timeline.At(2017, 11, 25, 9), Timeline.At(2017, 11, 25, 15));        // after c
        Regular(2, Timeline.At(2017, 11, 25, 8), -1);
        Pre(3, Timeline.At(2017, 11, 29, 10), Timeline.At(2017, 11, 29, 21), delayed: false); // same-day buy
        Pre(4, Timeline.At(2017, 11, 29, 11), Timeline.At(2017, 12, 1, 0, 30), delayed: true); // promotion buy
        Pre(5, Timeline.At(2017, 11, 29, 12), -1, delayed: false);
        Pre(6, Timeline.At(2017, 11, 29, 9), Timeline.At(2017, 12, 1, 9), delayed: true, SampleSplit.Eval);
        Pre(7, Timeline.At(2017, 11, 30, 23, 30), Timeline.At(2017, 11, 30, 23, 45), delayed: false);
        return (s, calendar);
    }

    [Fact]
    public void DailyStrategyStreamsRegularAndTrainClicksInEmitTimeOrder()
    {
        var (s, _) = Table();
        var strategy = FeedbackStrategy.Daily;
        Assert.True(strategy.InEmitOrder); // a live stream trains as it arrives
        Assert.Equal([0, 1, 2, 3, 4, 5, 7], strategy.StreamRows(s)); // the Eval click never trains
        Assert.Equal([0, 1, 2], strategy.AuxiliaryRows(s));

        var defer = DelayedFeedbackStream.Build(s, strategy, FeedbackScheme.Defer);
        Assert.Equal(defer.Select(r => r.EmitTime).Order(), defer.Select(r => r.EmitTime));
        Assert.All(defer.GroupBy(r => r.Row), g => Assert.Equal(2, g.Count())); // every DEFER click appears exactly twice
        // Click 4's promotion-day buy is more than a day after the click: a negative for the daily strategy.
        Assert.Equal([R(4, 0, ObservedNegative, s.ClickTs[4] + Hour), R(4, 0, RealNegative, s.ClickTs[4] + 24 * Hour)],
            defer.Where(r => r.Row == 4));

        var fnw = DelayedFeedbackStream.Build(s, strategy, FeedbackScheme.Fnw);
        int[] positives = [0, 1, 3, 7];
        foreach (var row in positives) Assert.Equal([0f, 1f], fnw.Where(r => r.Row == row).Select(r => r.Label));
        Assert.Equal(positives, fnw.Where(r => r.Label == 1).Select(r => r.Row).Order());
        Assert.Equal(7, fnw.Count(r => r.Label == 0));
    }

    [Fact]
    public void ReuseStrategyObservesUntilTheEndOfTheDayAndAttributesUntilTheEndOfThePromotion()
    {
        var (s, calendar) = Table();
        var strategy = FeedbackStrategy.Reuse(calendar);
        Assert.False(strategy.InEmitOrder); // a finished period: its rows are shuffled, else it ends on positives only
        Assert.Equal([3, 4, 5, 7], strategy.StreamRows(s));
        Assert.Equal([3, 4, 5, 7], strategy.AuxiliaryRows(s));
        long endOfNov29 = Timeline.At(2017, 11, 30, 0), endOfNov30 = Timeline.At(2017, 12, 1, 0);
        long promotionEnd = calendar.Cycles[0].PromotionEnd;

        Assert.Equal(
        [
            R(3, 1, ImmediatePositive, endOfNov29), R(4, 0, ObservedNegative, endOfNov29), R(5, 0, ObservedNegative, endOfNov29),
            R(7, 1, ImmediatePositive, endOfNov30), R(4, 1, DelayedPositive, Timeline.At(2017, 12, 1, 0, 30)),
        ], DelayedFeedbackStream.Build(s, strategy, FeedbackScheme.EsDfm));

        Assert.Equal(
        [
            R(3, 1, ImmediatePositive, endOfNov29), R(4, 0, ObservedNegative, endOfNov29), R(5, 0, ObservedNegative, endOfNov29),
            R(7, 1, ImmediatePositive, endOfNov30), R(4, 1, DelayedPositive, Timeline.At(2017, 12, 1, 0, 30)),
            R(3, 1, ImmediatePositive, promotionEnd), R(5, 0, RealNegative, promotionEnd), R(7, 1, ImmediatePositive, promotionEnd),
        ], DelayedFeedbackStream.Build(s, strategy, FeedbackScheme.Defer));
    }

    [Fact]
    public void ReuseRejectsAClickOutsideTheCalendarsCycles()
    {
        var (s, calendar) = Table();
        s.Cycle[3] = 4;
        var error = Assert.Throws<InputError>(() => DelayedFeedbackStream.Build(s, FeedbackStrategy.Reuse(calendar), FeedbackScheme.Fnw));
        Assert.Contains("cycle 4", error.Message);
    }
}
