using CmDcm.Data;
using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using CmDcm.Models.Baselines;
using CmDcm.Training;
using static TorchSharp.torch;

namespace CmDcm.Tests;

public class HdrTests
{
    static readonly TrainingConfig Tiny = new() { Epochs = 1, BatchSize = 64, LearningRate = 0.05 };
    static readonly Lazy<(ClickSamples Samples, PromotionCalendar Calendar, PretrainedDailyModel Daily)> Fixture = new(MakeFixture);

    /// <summary>One event (Taobao-like): half regular clicks on Nov 25, half pre-promotion clicks on Nov 28-30, 80/20 split.</summary>
    static (ClickSamples, PromotionCalendar, PretrainedDailyModel) MakeFixture()
    {
        var calendar = new PromotionCalendar("test", [Cycle(2017, 11, 25, 28, 12, 1, 3)]);
        var s = SyntheticSamples.Make(600, 13, prePromotion: true);
        for (int i = 0; i < s.Count; i++)
        {
            if (i < s.Count / 2) SyntheticSamples.MakeRegular(s, i, Timeline.At(2017, 11, 25, 8) + 60 * i);
            else s.ClickTs[i] = (int)(Timeline.At(2017, 11, 28 + i % 3, 8) + 60 * (i % 100));
        }
        return (s, calendar, SyntheticSamples.FrozenDaily(s, Tiny));
    }

    /// <summary>A cycle in one month (the promotion may run into the next): regular, pre-promotion, promotion start days; end day.</summary>
    static PromotionCycle Cycle(int year, int month, int regular, int prePromotion, int promotionMonth, int promotion, int end) => new(
        BeijingTime.StartOf(new DateOnly(year, month, regular)), BeijingTime.StartOf(new DateOnly(year, month, prePromotion)),
        BeijingTime.StartOf(new DateOnly(year, promotionMonth, promotion)), BeijingTime.StartOf(new DateOnly(year, promotionMonth, end)));

    static MethodContext Context()
    {
        var (samples, calendar, daily) = Fixture.Value;
        return new MethodContext(daily, samples, calendar, SyntheticSamples.SmallModel(), Tiny, 3, CPU);
    }

    [Fact]
    public void CosineOnKnownVectors()
    {
        Assert.Equal(1, HistoricalDayRetrieval.Cosine([1, 2, 3], [2, 4, 6]), 12);
        Assert.Equal(0, HistoricalDayRetrieval.Cosine([1, 0], [0, 1]), 12);
        Assert.Equal(-1, HistoricalDayRetrieval.Cosine([1, -1], [-1, 1]), 12);
        Assert.Equal(1 / Math.Sqrt(2), HistoricalDayRetrieval.Cosine([1, 1], [1, 0]), 12);
        Assert.Equal(0, HistoricalDayRetrieval.Cosine([0, 0], [1, 0])); // an empty day resembles nothing
    }

    [Fact]
    public void RetrievalRanksAnIdenticalDayFirstAndAnUnlikeDayLast()
    {
        double[] target = [0.04, 0.2, 0.5, 0.3, 0];
        IReadOnlyList<double>[] days =
        [
            [0.03, 0.18, 0.45, 0.3, 0.05],  // similar
            [0.01, 0.05, 0, 0, 0.9],        // unlike: another category dominates
            [0.04, 0.2, 0.5, 0.3, 0],       // identical
            [0.02, 0.1, 0.2, 0.2, 0.4],     // in between
        ];
        var ranked = HistoricalDayRetrieval.Rank(days, target);
        Assert.Equal(new[] { 2, 0, 3, 1 }, ranked);
    }

    [Fact]
    public void DayVectorIsSameDayCvrAtcRateAndCategoryShares()
    {
        var s = new ClickSamples(4, hasPrice: false);
        int[] categories = [5, 5, 7, 9];
        for (int i = 0; i < 4; i++) { s.Period[i] = Period.PrePromotion; s.Category[i] = categories[i]; s.Atc[i] = 0; s.YAll[i] = 0; s.YDelay[i] = 0; }
        s.YAll[0] = 1;                  // direct: counts
        s.YAll[1] = 1; s.YDelay[1] = 1; // delayed to the promotion: not a same-day conversion
        s.Atc[2] = 1;
        Assert.Equal(new[] { 0.25, 0.25, 0.5, 0.25 }, HistoricalDayRetrieval.DayVector(s, [0, 1, 2, 3], [5, 7]));
        Assert.Equal(new[] { 5L, 7L }, HistoricalDayRetrieval.TopCategories(s, [0, 1, 2, 3], 2));
    }

    [Fact]
    public void ShiftWeightsAreClippedToATenthAndTen()
    {
        var w = ShiftClassifier.Weight(tensor(new[] { 0f, 1e-3f, 0.5f, 0.8f, 0.999f, 1f }), 1).data<float>().ToArray();
        Assert.Equal(new[] { 0.1f, 0.1f, 1f, 4f, 10f, 10f }, w, (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(2f, ShiftClassifier.Weight(tensor(new[] { 0.5f }), 2).item<float>(), 5); // class-prior factor
    }

    [Fact]
    public void OnOneEventTheHistoricalPrePromotionClicksAreTheOnlyCandidates()
    {
        var (s, calendar, _) = Fixture.Value;
        var retrieval = HistoricalDayRetrieval.Retrieve(s, calendar, new HdrOptions());
        Assert.Equal(3, retrieval.Ranked.Count);
        Assert.Equal(3, retrieval.Reused.Count); // fewer candidates than ReusedDays: all of them
        Assert.All(retrieval.ReusedRows, i => Assert.True(s.Period[i] == Period.PrePromotion && s.Split[i] == SampleSplit.Train));
        Assert.Equal(s.Where(i => s.Period[i] == Period.PrePromotion && s.Split[i] == SampleSplit.Train), retrieval.TargetRows);
        Assert.Equal(retrieval.TargetRows, retrieval.ReusedRows);
    }

    [Fact]
    public void ReusedClicksTrainOnYAllOrTheSameDayConversion()
    {
        var s = new ClickSamples(2, hasPrice: false);
        s.Period[0] = Period.PrePromotion; s.YAll[0] = 1; s.YDelay[0] = 1;
        s.Period[1] = Period.Regular; s.YCvr[1] = 0;
        Assert.Equal(1f, HistoricalDayRetrieval.ReuseLabel(s, 0));
        Assert.Equal(0f, HistoricalDayRetrieval.ReuseLabel(s, 1));
    }

    [Fact]
    public void OnTwoCyclesRetrievalSelectsTheEarlierEventsPrePromotionDays()
    {
        // Cycle 1: regular Nov 1-3, pre-promotion Nov 4-5, promotion Nov 6; cycle 2: regular Nov 7-9, pre-promotion
        // Nov 10-11, promotion Nov 12. Pre-promotion traffic is on categories 0-4, regular traffic on 10-14.
        var calendar = new PromotionCalendar("two", [Cycle(2017, 11, 1, 4, 11, 6, 7), Cycle(2017, 11, 7, 10, 11, 12, 13)]);
        int[] days = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11];
        var s = SyntheticSamples.Make(days.Length * 40, 5, prePromotion: true);
        for (int i = 0; i < s.Count; i++)
        {
            int day = days[i / 40];
            s.ClickTs[i] = (int)(Timeline.At(2017, 11, day, 9) + 60 * (i % 40));
            s.Period[i] = calendar.PeriodOf(s.ClickTs[i]);
            s.Cycle[i] = (byte)calendar.CycleOf(s.ClickTs[i]);
            bool pre = s.Period[i] == Period.PrePromotion;
            s.Category[i] = (pre ? 0 : 10) + i % 5;
            if (!pre)
            {
                s.YCvr[i] = s.YDelay[i]; s.YAtc[i] = s.Atc[i];
                s.YAll[i] = s.YDelay[i] = s.Atc[i] = -1;
                s.Split[i] = SampleSplit.None;
            }
            else s.Split[i] = s.Cycle[i] == 1 ? SampleSplit.Eval : SampleSplit.Train; // last-cycle split
        }
        var retrieval = HistoricalDayRetrieval.Retrieve(s, calendar, new HdrOptions { ReusedDays = 2 });
        Assert.Equal(1, retrieval.EvalCycle);
        Assert.All(retrieval.TargetRows, i => Assert.True(s.Cycle[i] == 1 && s.Period[i] == Period.PrePromotion));
        Assert.Equal(new[] { new DateOnly(2017, 11, 4), new DateOnly(2017, 11, 5) }, retrieval.Reused.Select(d => d.Date).Order());
        Assert.All(retrieval.Reused, d => Assert.True(d.Cycle == 0 && d.Period == Period.PrePromotion));
        // Promotion-adjacent regular days are candidates (Nov 2-3 before the first event, Nov 7-8 after it), Nov 1 and 9 are not.
        Assert.Equal(new[] { 2, 3, 4, 5, 7, 8 }, retrieval.Ranked.Select(d => d.Date.Day).Order());
    }

    [Fact]
    public void HdrTrainsOneEpochWithFiniteLossAndPredictsProbabilities()
    {
        var context = Context();
        var (model, history) = MethodRegistry.Train("HDR", context);
        Assert.IsType<HdrModel>(model);
        Assert.Single(history.Epochs);
        Assert.All(history.Epochs[0].Values, v => Assert.True(double.IsFinite(v)));
        var s = context.Samples;
        var scores = Predictor.Score(model, context.Data, s.Where(i => s.Split[i] == SampleSplit.Eval));
        Assert.All(scores.PAll, p => Assert.InRange(p, 0, 1));
        Assert.Equal(scores.PDelay, scores.PAll);
    }

    [Fact]
    public void HdrStartsAsTheDailyTowerAndLeavesTheFrozenModelUnchanged()
    {
        var context = Context();
        var rows = context.Samples.Where(i => context.Samples.Split[i] == SampleSplit.Eval);
        var before = Predictor.Score(context.Daily, context.Data, rows).PCvr!;
        var shift = new ShiftClassifier(context.Daily, 1);
        var untrained = Predictor.Score(new HdrModel(context.Daily, shift), context.Data, rows).PAll;
        Assert.Equal(before, untrained, (a, b) => Math.Abs(a - b) <= 1e-6); // zero-initialised residual
        var trained = MethodRegistry.Train("HDR", context).Model;
        Assert.Equal(before, Predictor.Score(context.Daily, context.Data, rows).PCvr!);
        Assert.All(context.Daily.parameters(), p => Assert.False(p.requires_grad));
        Assert.NotEqual(before, Predictor.Score(trained, context.Data, rows).PAll); // the adapter did learn something
        Assert.All(trained.parameters().Where(p => p.requires_grad), p => Assert.StartsWith("adapter", NameOf(trained, p)));
    }

    static string NameOf(ConversionModel model, TorchSharp.Modules.Parameter parameter) =>
        model.named_parameters().First(p => ReferenceEquals(p.parameter, parameter)).name;
}
