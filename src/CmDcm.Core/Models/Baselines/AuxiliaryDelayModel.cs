using CmDcm.Features;
using CmDcm.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CmDcm.Models.Baselines;

/// <summary>
/// The auxiliary model of ES-DFM (Yang et al. 2021), also read by DEFER and DEFUSE: one encoder and MLP, two
/// logits. f_dp = P(y = 1, delay > c | x), the joint over all clicks; f_rn = P(real negative | observed
/// negative at c), over observed negatives. Pre-trained on fully-labelled outcome rows (Batch.StreamKind =
/// IP, DP or real negative), then frozen and read in eval mode.
/// </summary>
public sealed class AuxiliaryDelayModel : ConversionModel
{
    readonly SharedEncoder encoder;
    readonly Mlp mlp;
    readonly Linear heads;

    public AuxiliaryDelayModel(PretrainedDailyModel daily, ModelConfig config, bool hasPrice) : base("auxiliary")
    {
        encoder = new SharedEncoder("encoder", config.Encoder, hasPrice);
        encoder.load_state_dict(daily.Encoder.state_dict()); // warm start from the daily encoder
        mlp = new Mlp("mlp", encoder.OutputWidth, config.Hidden);
        heads = nn.Linear(config.Hidden[^1], 2);
        RegisterComponents();
    }

    /// <summary>The dp and rn logits.</summary>
    public (Tensor Dp, Tensor Rn) Logits(Batch batch)
    {
        var z = heads.forward(mlp.forward(encoder.forward(batch).All)[^1]);
        return (z[.., 0], z[.., 1]);
    }

    /// <summary>f_dp and f_rn, detached and in eval mode: the weights' inputs, never trained through.</summary>
    public (Tensor Dp, Tensor Rn) Probabilities(Batch batch)
    {
        eval();
        using var _ = no_grad();
        var (dp, rn) = Logits(batch);
        return (nn.functional.sigmoid(dp).detach(), nn.functional.sigmoid(rn).detach());
    }

    public override LossTerms Loss(Batch batch)
    {
        var kind = batch.StreamKind ?? throw new InvalidOperationException("the auxiliary model trains on outcome rows: the batch has no row kinds");
        var (dp, rn) = Logits(batch);
        var isDp = FineTunedCvrModel.Is(kind, FeedbackKind.DelayedPositive);
        var isRn = FineTunedCvrModel.Is(kind, FeedbackKind.RealNegative);
        // f_rn is conditional on an observed negative at c: immediate positives do not enter its loss.
        var observedNegative = 1 - FineTunedCvrModel.Is(kind, FeedbackKind.ImmediatePositive);
        var share = observedNegative.mean().clamp_min(1.0 / batch.Size);
        return new LossTerms()
            .Add("bce_dp", Losses.BinaryCrossEntropyWithLogits(dp, isDp))
            .Add("bce_rn", Losses.WeightedBinaryCrossEntropy(rn, observedNegative * isRn, observedNegative * (1 - isRn)) / share);
    }

    /// <summary>Scored only for inspection: f_dp in both slots.</summary>
    public override ClickPredictions forward(Batch batch)
    {
        var (dp, _) = Logits(batch);
        var f = nn.functional.sigmoid(dp);
        return new ClickPredictions(f, f);
    }
}
