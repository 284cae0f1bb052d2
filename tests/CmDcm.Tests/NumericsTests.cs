using CmDcm.Features;
using CmDcm.Models;
using CmDcm.Models.Baselines;
using CmDcm.Models.Counterfactual;
using CmDcm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Tests;

/// <summary>
/// Extreme logits (±1e4) through every loss give finite values and finite gradients, and a NaN that reaches training
/// stops it with the method, epoch and batch named.
/// </summary>
public class NumericsTests
{
    static readonly float[] Logits = [-1e4f, -50f, -1f, 0f, 1f, 50f, 1e4f];
    static readonly float[] AuxiliaryLogits = [-1e4f, 0f, 1e4f]; // f_dp, f_rn and the shift classifier's q: exactly 0, ½, 1

    /// <summary>Every combination of a logit, a label (or row kind) and two auxiliary probabilities, one row each.</summary>
    static (Tensor Logit, Tensor Label, Tensor Kind, Tensor FDp, Tensor FRn) Grid()
    {
        var rows = (from z in Logits from kind in Enum.GetValues<FeedbackKind>() from dp in AuxiliaryLogits from rn in AuxiliaryLogits
                    select (z, kind, dp, rn)).ToArray();
        var logit = tensor(rows.Select(r => r.z).ToArray()).requires_grad_();
        var kinds = tensor(rows.Select(r => (long)r.kind).ToArray());
        var label = tensor(rows.Select(r => r.kind is FeedbackKind.ImmediatePositive or FeedbackKind.DelayedPositive ? 1f : 0f).ToArray());
        return (logit, label, kinds, nn.functional.sigmoid(tensor(rows.Select(r => r.dp).ToArray())), nn.functional.sigmoid(tensor(rows.Select(r => r.rn).ToArray())));
    }

    public static TheoryData<string> LossNames => new() { "bce-logits", "bce-probability", "weighted-bce", "FNW", "ES-DFM", "DEFER", "DEFUSE", "HDR", "auxiliary" };

    [Theory]
    [MemberData(nameof(LossNames))]
    public void ExtremeLogitsGiveFiniteLossesAndGradients(string loss)
    {
        var (z, y, kind, dp, rn) = Grid();
        var value = loss switch
        {
            "bce-logits" => Losses.BinaryCrossEntropyWithLogits(z, y),
            "bce-probability" => Losses.BinaryCrossEntropy(nn.functional.sigmoid(z), y), // CM-DCM's p_delay / p_all terms
            "weighted-bce" => Losses.WeightedBinaryCrossEntropy(z, y * 1e3, (1 - y) * 1e3),
            "FNW" => FnwModel.Objective(z, y),
            "ES-DFM" => EsDfmModel.Objective(z, y, dp, rn),
            "DEFER" => DeferModel.Objective(z, y, dp),
            "DEFUSE" => DefuseModel.Objective(z, kind, dp, rn),
            "HDR" => Losses.WeightedBinaryCrossEntropy(z, ShiftClassifier.Weight(dp, 50) * y, ShiftClassifier.Weight(dp, 50) * (1 - y)),
            "auxiliary" => Losses.WeightedBinaryCrossEntropy(z, (1 - y) * FineTunedCvrModel.Is(kind, FeedbackKind.RealNegative), (1 - y) * rn),
            _ => throw new ArgumentOutOfRangeException(nameof(loss)),
        };
        AssertFinite(loss, value, z);
    }

    [Theory]
    [InlineData("dr-learner")]
    [InlineData("escm2-dr")]
    public void ExtremeInputsThroughTheCounterfactualRegularisersStayFinite(string kind)
    {
        Devices.Seed(1);
        const int width = 6;
        var regularizer = CounterfactualRegularizer.Create(kind, width, 4)!;
        var (z, y, _, dp, _) = Grid();
        int n = (int)z.shape[0];
        // Features of ±1e4 drive the imputation and effect heads to extreme logits too.
        var features = (arange(n * width, dtype: float32).reshape(n, width).remainder(3) - 1) * 1e4f;
        var clip = new ModelConfig().PropensityClip;
        var input = new CounterfactualInput(features, nn.functional.sigmoid(z), dp.clamp(clip, 1 - clip), y, 1 - y);
        var terms = new LossTerms();
        regularizer.AddLosses(terms, input, lambdaCm: 1.0, lambdaCf: 1.0);
        AssertFinite(kind, terms.Total, z);
        foreach (var (name, value) in terms.Terms) Assert.True(float.IsFinite(value.item<float>()), $"{kind} term {name}");
        foreach (var p in regularizer.parameters()) Assert.True(p.grad is null || p.grad.isfinite().all().item<bool>(), $"{kind}: a parameter's gradient is not finite");
    }

    static void AssertFinite(string name, Tensor loss, Tensor logit)
    {
        Assert.True(float.IsFinite(loss.item<float>()), $"{name}: loss {loss.item<float>()}");
        loss.backward();
        Assert.NotNull(logit.grad);
        Assert.True(logit.grad.isfinite().all().item<bool>(), $"{name}: gradient not finite");
    }

    /// <summary>Batches in order; on one call of <see cref="Build"/> a NaN is put into the user-activity features of one click.</summary>
    sealed class PoisonedBatches(BatchBuilder data, int[] rows, int poisonedCall) : IBatchSource
    {
        int calls;
        public int Count => rows.Length;
        public bool Shuffle => false;

        public Batch Build(ReadOnlySpan<int> positions)
        {
            var selected = positions.ToArray().Select(p => rows[p]).ToArray();
            var batch = data.Build(selected);
            if (++calls == poisonedCall) batch.UserActivity[0, 0] = float.NaN;
            return batch;
        }
    }

    [Theory]
    [InlineData(2)] // epoch 1, batch 2
    [InlineData(5)] // epoch 2, batch 1 (four batches per epoch)
    public void ANanInABatchStopsTrainingNamingMethodEpochAndBatch(int poisonedCall)
    {
        var config = SyntheticSamples.SmallModel();
        var samples = SyntheticSamples.Make(256, 2, prePromotion: true);
        Devices.Seed(1);
        var model = new CmDcmModel(new PretrainedDailyModel(config, true), config, true);
        var source = new PoisonedBatches(new BatchBuilder(samples, config.Encoder, CPU), Enumerable.Range(0, 256).ToArray(), poisonedCall);
        var training = new TrainingConfig { Epochs = 2, BatchSize = 64, LearningRate = 0.05 };

        var error = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, source, training, seed: 1, "CM-DCM"));
        int epoch = (poisonedCall - 1) / 4 + 1, batch = (poisonedCall - 1) % 4 + 1;
        Assert.Equal(("CM-DCM", epoch, batch), (error.Method, error.Epoch, error.Batch));
        Assert.Contains($"CM-DCM: loss term '{error.Term}' is NaN at epoch {epoch}, batch {batch}", error.Message);
    }

    [Fact]
    public void ADivergingRunEndsTheCliWithTheLocationNotAStackTrace()
    {
        using var dir = new TempDirectory();
        // A learning rate of 1e38 sends the first Adagrad step's weights to infinity: the second batch's loss is NaN.
        var config = dir.Write("diverge.json", """
            {
              "simulatorPreset": "ci", "simulatorUsers": 200, "methods": ["pre-trained"], "device": "cpu",
              "pretrain": { "epochs": 1, "batchSize": 256, "learningRate": 1e38 },
              "model": { "encoder": { "embeddingDim": 8, "userBuckets": 2000, "itemBuckets": 2000, "categoryBuckets": 200 },
                         "hidden": [16, 8], "gateHidden": [8, 4], "headHidden": 8 }
            }
            """);
        var (code, output, error) = Cli.Run(null, "reproduce", "--profile", config, "--out", dir.File("out"), "--work", dir.File("work"));
        Assert.True(code == 3, $"exit {code}: {output}{error}");
        Assert.Matches(@"^cmdcm reproduce: pre-trained: loss term '\w+' is NaN at epoch 1, batch \d+; training stopped$", error.Trim());
    }
}
