using CmDcm.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models.Baselines;

/// <summary>
/// DEFER, duplicated real labels (Gu et al. 2021): ES-DFM's stream plus every click not duplicated at t_v
/// ingested again with its real label at t_c + W, so each click appears twice. With p = sg(f) and the
/// auxiliary f_dp: w+ = p / max(p − ½ f_dp, 1e-6), w− = (1 − p) / (1 − p + ½ f_dp), with f_dp capped at p:
/// a delayed positive is a positive, so the derivation's q(y=1|x) = p − ½ f_dp is at least ½ p and w+ ≤ 2.
/// Uncapped, a frozen f_dp above the current p (the reuse period, where most conversions are delayed) made
/// w+ reach 10^5 and the model over-predict (docs/decisions.md).
/// </summary>
public sealed class DeferModel : FineTunedCvrModel
{
    readonly AuxiliaryDelayModel auxiliary;

    public DeferModel(PretrainedDailyModel daily, AuxiliaryDelayModel auxiliary, ModelConfig config, bool hasPrice)
        : base("defer", daily, config, hasPrice)
    {
        this.auxiliary = auxiliary;
        register_module("auxiliary", auxiliary);
        Freeze(auxiliary);
    }

    public override LossTerms Loss(Batch batch)
    {
        var (dp, _) = auxiliary.Probabilities(batch);
        return new LossTerms().Add("defer", Objective(Logit(batch), StreamLabel(batch), dp));
    }

    public static Tensor Objective(Tensor logit, Tensor label, Tensor fDp)
    {
        var p = nn.functional.sigmoid(logit).detach();
        fDp = minimum(fDp, p);
        var positive = p / (p - 0.5 * fDp).clamp_min(DenominatorFloor);
        var negative = (1 - p) / (1 - p + 0.5 * fDp).clamp_min(DenominatorFloor);
        return Losses.WeightedBinaryCrossEntropy(logit, label * positive, (1 - label) * negative);
    }
}
