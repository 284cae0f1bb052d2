using CmDcm.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CmDcm.Models.Baselines;

/// <summary>
/// HDR part (2), shift correction: q(x) = P(target period | x), one linear layer on the frozen daily encoder's
/// detached output, trained briefly on target (label 1) against reused (label 0) clicks, then frozen. A reused
/// click is weighted by the density ratio w = (n_reused / n_target) q/(1−q), clipped to [0.1, 10]; the
/// class-prior factor makes w = 1 when q cannot tell the two apart, whatever the two sets' sizes.
/// </summary>
public sealed class ShiftClassifier : ConversionModel
{
    public const double MinWeight = 0.1;
    public const double MaxWeight = 10;

    readonly PretrainedDailyModel daily;
    readonly Linear logistic;
    readonly double priorRatio;

    /// <param name="priorRatio">n_reused / n_target of the classifier's training set.</param>
    public ShiftClassifier(PretrainedDailyModel daily, double priorRatio) : base("shift")
    {
        if (!(priorRatio > 0)) throw new ArgumentOutOfRangeException(nameof(priorRatio), priorRatio, "must be positive");
        this.daily = daily;
        this.priorRatio = priorRatio;
        logistic = nn.Linear(daily.Encoder.OutputWidth, 1);
        register_module("daily", daily); // frozen; registered so .to(device) moves it, as CM-DCM does
        register_module("logistic", logistic);
    }

    Tensor Logit(Batch batch)
    {
        Tensor encoded;
        using (no_grad()) encoded = daily.Encoder.forward(batch).All;
        return logistic.forward(encoded.detach()).squeeze(-1);
    }

    /// <summary>BCE of q against the domain label carried in the batch's stream label (1 target, 0 reused).</summary>
    public override LossTerms Loss(Batch batch) =>
        new LossTerms().Add("bce_domain", Losses.BinaryCrossEntropyWithLogits(Logit(batch),
            batch.StreamLabel ?? throw new InvalidOperationException("the shift classifier needs a domain label per row")));

    public override ClickPredictions forward(Batch batch)
    {
        var q = nn.functional.sigmoid(Logit(batch));
        return new ClickPredictions(q, q);
    }

    /// <summary>The clipped importance weight of each click in the batch, without gradient.</summary>
    public Tensor ImportanceWeight(Batch batch)
    {
        using var _ = no_grad();
        return Weight(nn.functional.sigmoid(Logit(batch)), priorRatio);
    }

    /// <summary>w = clip(priorRatio · q / max(1 − q, 1e-6), 0.1, 10).</summary>
    public static Tensor Weight(Tensor q, double priorRatio) =>
        (priorRatio * q / (1 - q).clamp_min(FineTunedCvrModel.DenominatorFloor)).clamp(MinWeight, MaxWeight);
}
