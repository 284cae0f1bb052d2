using CmDcm.Features;
using CmDcm.Models;
using CmDcm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Tests;

public class ModelTests
{
    static readonly TrainingConfig TwoEpochs = new() { Epochs = 3, BatchSize = 64, LearningRate = 0.05 };

    static (PretrainedDailyModel Daily, CmDcmModel Model, ScoredClicks Scores, TrainingHistory History) Train(int seed, ModelConfig config)
    {
        var regular = SyntheticSamples.Make(600, 1, prePromotion: false);
        var pre = SyntheticSamples.Make(600, 2, prePromotion: true);
        Devices.Seed(seed);
        var daily = new PretrainedDailyModel(config, hasPrice: true);
        Trainer.Fit(daily, new BatchBuilder(regular, config.Encoder, CPU), Enumerable.Range(0, regular.Count).ToArray(), TwoEpochs, seed, "pretrained");
        var model = new CmDcmModel(daily, config, hasPrice: true);
        var data = new BatchBuilder(pre, config.Encoder, CPU);
        var train = pre.Where(i => pre.Split[i] == Labels.SampleSplit.Train);
        var history = Trainer.Fit(model, data, train, TwoEpochs, seed, "cm-dcm");
        var scores = Predictor.Score(model, data, pre.Where(i => pre.Split[i] == Labels.SampleSplit.Eval));
        return (daily, model, scores, history);
    }

    [Theory]
    [InlineData("dr-learner")]
    [InlineData("escm2-dr")]
    [InlineData("none")]
    public void CmDcmTrainsAndPredictsProbabilities(string counterfactual)
    {
        var (_, _, scores, history) = Train(7, SyntheticSamples.SmallModel(counterfactual));
        Assert.All(scores.PDelay, p => Assert.InRange(p, 0, 1));
        Assert.All(scores.PAll, p => Assert.InRange(p, 0, 1));
        Assert.All(scores.PDelay.Zip(scores.PAll), x => Assert.True(x.First <= x.Second + 1e-7)); // bounded head: p_delay <= p_all
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.Epochs[^1]["total"] < history.Epochs[0]["total"], "training lowers the loss");
        Assert.Equal(counterfactual == "dr-learner", scores.Tau != null);
    }

    [Fact]
    public void SameSeedGivesIdenticalScoresOnCpu()
    {
        var a = Train(3, SyntheticSamples.SmallModel()).Scores;
        var b = Train(3, SyntheticSamples.SmallModel()).Scores;
        Assert.Equal(a.PDelay, b.PDelay);
        Assert.Equal(a.PAll, b.PAll);
        var c = Train(4, SyntheticSamples.SmallModel()).Scores;
        Assert.NotEqual(a.PDelay, c.PDelay);
    }

    [Fact]
    public void DailyTowersStayFrozen()
    {
        var config = SyntheticSamples.SmallModel();
        var (daily, _, _, _) = Train(5, config);
        Assert.All(daily.parameters(), p => Assert.False(p.requires_grad));
    }

    [Fact]
    public void GatesStartAtOne()
    {
        var config = SyntheticSamples.SmallModel();
        var pre = SyntheticSamples.Make(32, 2, prePromotion: true);
        var model = new CmDcmModel(new PretrainedDailyModel(config, true), config, true);
        using var batch = new BatchBuilder(pre, config.Encoder, CPU).Build(Enumerable.Range(0, 32).ToArray());
        var gates = model.Gates(batch);
        Assert.Equal(6, gates.Length);
        Assert.All(gates, g => Assert.Equal(1.0, g.max().item<float>(), 6));
    }

    [Fact]
    public void LiteralSumHeadClampsPAll()
    {
        var config = SyntheticSamples.SmallModel() with { DelayHead = "sum" };
        var scores = Train(9, config).Scores;
        Assert.All(scores.PAll, p => Assert.InRange(p, 1e-7, 1 - 1e-7 + 1e-9));
    }

    [Fact]
    public void NanInABatchStopsTrainingAndNamesTheTerm()
    {
        var config = SyntheticSamples.SmallModel();
        var pre = SyntheticSamples.Make(200, 2, prePromotion: true);
        pre.Price[130] = float.NaN; // poisons the price embedding of one click in the third batch of 64
        var model = new CmDcmModel(new PretrainedDailyModel(config, true), config, true);
        var rows = Enumerable.Range(0, pre.Count).ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Fit(model, new BatchBuilder(pre, config.Encoder, CPU), rows, TwoEpochs with { Epochs = 1 }, 1, "cm-dcm"));
        Assert.Equal("cm-dcm", error.Method);
        Assert.Equal(1, error.Epoch);
        Assert.Contains("bce_delay", error.Message);
    }
}
