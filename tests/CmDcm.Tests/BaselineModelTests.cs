using CmDcm.Data;
using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using CmDcm.Models.Baselines;
using CmDcm.Training;
using TorchSharp;
using static CmDcm.Features.FeedbackKind;
using static TorchSharp.torch;

namespace CmDcm.Tests;

public class BaselineModelTests
{
    static readonly string[] TableTwo = ["pre-trained", "FNW", "ES-DFM", "DEFER", "DEFUSE", "FNW_reuse", "ES-DFM_reuse", "DEFER_reuse", "DEFUSE_reuse", "HDR", "CM-DCM"];
    static readonly string[] TableThree = ["w/o All-cvr", "w/o PG", "w/o CM", "w/o CCRA", "CM-DCM"];
    static readonly TrainingConfig Tiny = new() { Epochs = 1, BatchSize = 64, LearningRate = 0.05 };
    static readonly Lazy<(ClickSamples Samples, PromotionCalendar Calendar, PretrainedDailyModel Daily)> Fixture = new(MakeFixture);

    /// <summary>
    /// SyntheticSamples with timelines: the first half regular clicks (Nov 25, t_v up to 3 h after the click),
    /// the second half pre-promotion clicks (Nov 29; direct buys that evening, delayed ones on the promotion day).
    /// </summary>
    static (ClickSamples, PromotionCalendar, PretrainedDailyModel) MakeFixture()
    {
        var calendar = new PromotionCalendar("test", [new PromotionCycle(
            BeijingTime.StartOf(new DateOnly(2017, 11, 25)), BeijingTime.StartOf(new DateOnly(2017, 11, 28)),
            BeijingTime.StartOf(new DateOnly(2017, 12, 1)), BeijingTime.StartOf(new DateOnly(2017, 12, 3)))]);
        var s = SyntheticSamples.Make(800, 11, prePromotion: true);
        var random = new Random(5);
        for (int i = 0; i < s.Count; i++)
        {
            if (i < s.Count / 2)
            {
                SyntheticSamples.MakeRegular(s, i, Timeline.At(2017, 11, 25, 8) + 30 * i);
                s.FirstBuyTs[i] = s.YCvr[i] == 1 ? s.ClickTs[i] + random.Next(3 * 3600) : -1;
            }
            else
            {
                s.ClickTs[i] = (int)(Timeline.At(2017, 11, 29, 8) + 30 * i);
                bool direct = s.YAll[i] == 1 && s.YDelay[i] == 0;
                s.FirstBuyTs[i] = (int)(s.YDelay[i] == 1 ? Timeline.At(2017, 12, 1, 9) + i : direct ? Timeline.At(2017, 11, 29, 22) : -1);
            }
        }
        return (s, calendar, SyntheticSamples.FrozenDaily(s, Tiny with { Epochs = 2 }));
    }

    static MethodContext Context(int seed = 3)
    {
        var (samples, calendar, daily) = Fixture.Value;
        return new MethodContext(daily, samples, calendar, SyntheticSamples.SmallModel(), Tiny, seed, CPU);
    }

    [Fact]
    public void RegistryKnowsEveryTableRowInOrder()
    {
        Assert.Equal(TableTwo, MethodRegistry.Table2);
        Assert.Equal(TableThree, MethodRegistry.Table3);
        Assert.Equal(TableTwo.Concat(TableThree).Distinct(), MethodRegistry.Names);
    }

    [Fact]
    public void RegistryRejectsAnUnknownNameAndListsTheKnownOnes()
    {
        var error = Assert.Throws<InputError>(() => MethodRegistry.Train("ESDFM", Context()));
        Assert.Contains("unknown method 'ESDFM'", error.Message);
        Assert.Contains("ES-DFM, DEFER", error.Message);
    }

    [Theory]
    [InlineData("FNW")]
    [InlineData("ES-DFM")]
    [InlineData("DEFER")]
    [InlineData("DEFUSE")]
    [InlineData("FNW_reuse")]
    [InlineData("ES-DFM_reuse")]
    [InlineData("DEFER_reuse")]
    [InlineData("DEFUSE_reuse")]
    public void BaselineTrainsOnePassWithFiniteLossesAndPredictsProbabilities(string name)
    {
        var context = Context();
        var (model, history) = MethodRegistry.Train(name, context);
        Assert.Single(history.Epochs); // a stream is one pass
        Assert.All(history.Epochs[0].Values, v => Assert.True(double.IsFinite(v)));
        var s = context.Samples;
        var scores = Predictor.Score(model, context.Data, s.Where(i => s.Split[i] == SampleSplit.Eval));
        Assert.All(scores.PDelay, p => Assert.InRange(p, 0, 1));
        Assert.Equal(scores.PDelay, scores.PAll); // one probability f(x)
    }

    [Fact]
    public void FineTuningCopiesTheDailyTowerAndLeavesTheFrozenModelUnchanged()
    {
        var context = Context();
        var rows = context.Samples.Where(i => context.Samples.Split[i] == SampleSplit.Eval);
        var before = Predictor.Score(context.Daily, context.Data, rows).PCvr!;
        var untrained = Predictor.Score(new FnwModel(context.Daily, context.Model, context.Samples.HasPrice), context.Data, rows).PAll;
        Assert.Equal(before, untrained, new ToleranceComparer(1e-6)); // starts as the daily CVR tower
        MethodRegistry.Train("DEFUSE", context);
        Assert.Equal(before, Predictor.Score(context.Daily, context.Data, rows).PCvr!);
        Assert.All(context.Daily.parameters(), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void SameSeedGivesTheSameBaseline()
    {
        var context = Context(seed: 4);
        var rows = context.Samples.Where(i => context.Samples.Split[i] == SampleSplit.Eval);
        var a = Predictor.Score(MethodRegistry.Train("ES-DFM", context).Model, context.Data, rows).PAll;
        var b = Predictor.Score(MethodRegistry.Train("ES-DFM", context).Model, context.Data, rows).PAll;
        Assert.Equal(a, b);
    }

    static readonly double Ln2 = Math.Log(2);

    static double At(Tensor loss) => loss.item<float>();

    static Tensor T(params float[] values) => tensor(values);

    static Tensor Kinds(params FeedbackKind[] kinds) => tensor(kinds.Select(k => (long)k).ToArray());

    [Fact]
    public void WeightsMatchThePapersFormulasAtZeroLogit()
    {
        var z = zeros(1); // p = ½, softplus(0) = ln 2
        Assert.Equal(1.5 * Ln2, At(FnwModel.Objective(z, T(1))), 5);              // (1 + p)
        Assert.Equal(0.75 * Ln2, At(FnwModel.Objective(z, T(0))), 5);             // (1 − p)(1 + p)
        Assert.Equal(1.2 * Ln2, At(EsDfmModel.Objective(z, T(1), T(0.2f), T(0.5f))), 5);   // 1 + f_dp
        Assert.Equal(0.6 * Ln2, At(EsDfmModel.Objective(z, T(0), T(0.2f), T(0.5f))), 5);   // (1 + f_dp) f_rn
        Assert.Equal(0.5 / 0.4 * Ln2, At(DeferModel.Objective(z, T(1), T(0.2f))), 5);      // p / (p − ½ f_dp)
        Assert.Equal(0.5 / 0.6 * Ln2, At(DeferModel.Objective(z, T(0), T(0.2f))), 5);      // (1 − p) / (1 − p + ½ f_dp)
        Assert.Equal(1.2 * Ln2, At(DefuseModel.Objective(z, Kinds(ImmediatePositive), T(0.2f), T(0.75f))), 5); // 1 + dp
        Assert.Equal(1.0 * Ln2, At(DefuseModel.Objective(z, Kinds(DelayedPositive), T(0.2f), T(0.75f))), 5);  // 1
        // zi = 0.25: zi dp softplus(−z) + (1 − zi)(1 + dp) softplus(z) = (0.05 + 0.9) ln 2
        Assert.Equal(0.95 * Ln2, At(DefuseModel.Objective(z, Kinds(ObservedNegative), T(0.2f), T(0.75f))), 5);
    }

    [Fact]
    public void DeferCapsTheDelayedPositiveProbabilityAtP()
    {
        // p = ½ and f_dp = 1 > p: f_dp is capped at ½, so w+ = ½ / (½ − ¼) = 2 and w− = ½ / (½ + ¼) = ⅔.
        Assert.Equal(2 * Ln2, At(DeferModel.Objective(zeros(1), T(1), T(1))), 5);
        Assert.Equal(2.0 / 3 * Ln2, At(DeferModel.Objective(zeros(1), T(0), T(1))), 5);
        // Near p = 0 the positive weight stays at most 2 however large f_dp is (BCE of a positive at z = −12 is ≈ 12).
        Assert.InRange(At(DeferModel.Objective(full(1, -12f), T(1), T(0.9f))), 11.9, 2 * 12.0001);
    }

    [Fact]
    public void ExtremeLogitsGiveFiniteLossesAndGradients()
    {
        var label = T(1, 1, 0, 0, 1, 0);
        var kind = Kinds(ImmediatePositive, DelayedPositive, ObservedNegative, ObservedNegative, ImmediatePositive, RealNegative);
        var dp = T(0, 1, 0.5f, 1e-3f, 1, 0);
        var rn = T(1, 0, 0.5f, 1, 0, 1);
        var objectives = new (string Name, Func<Tensor, Tensor> Loss)[]
        {
            ("FNW", z => FnwModel.Objective(z, label)),
            ("ES-DFM", z => EsDfmModel.Objective(z, label, dp, rn)),
            ("DEFER", z => DeferModel.Objective(z, label, dp)),
            ("DEFUSE", z => DefuseModel.Objective(z, kind, dp, rn)),
        };
        foreach (var (name, loss) in objectives)
            foreach (float sign in new[] { 1f, -1f })
            {
                var z = (sign * T(1e4f, -1e4f, 1e4f, -1e4f, -1e4f, 1e4f)).requires_grad_();
                var value = loss(z);
                value.backward();
                Assert.True(float.IsFinite(value.item<float>()), $"{name}: loss {value.item<float>()}");
                Assert.All(z.grad!.data<float>().ToArray(), g => Assert.True(float.IsFinite(g), $"{name}: gradient {g}"));
            }
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
