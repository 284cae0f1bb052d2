using CmDcm.Features;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace CmDcm.Models.Baselines;

/// <summary>
/// DEFUSE, unbiased delayed feedback label correction (Chen et al. 2022): ES-DFM's stream, its rows split into
/// immediate positives (IP), observed negatives (fake or real, unknown) and delayed positive duplicates (DP).
/// With dp = f_dp and zi = 1 − f_rn = P(fake negative | observed negative):
/// IP (1 + dp) softplus(−z); DP 1 · softplus(−z); observed negative zi · dp · softplus(−z) + (1 − zi)(1 + dp) softplus(z).
/// The public reference code weights every positive by 2 + dp, ignoring the IP/DP split; we follow the
/// paper's split (docs/decisions.md).
/// </summary>
public sealed class DefuseModel : FineTunedCvrModel
{
    readonly AuxiliaryDelayModel auxiliary;

    public DefuseModel(PretrainedDailyModel daily, AuxiliaryDelayModel auxiliary, ModelConfig config, bool hasPrice)
        : base("defuse", daily, config, hasPrice)
    {
        this.auxiliary = auxiliary;
        register_module("auxiliary", auxiliary);
        Freeze(auxiliary);
    }

    public override LossTerms Loss(Batch batch)
    {
        var (dp, rn) = auxiliary.Probabilities(batch);
        return new LossTerms().Add("defuse", Objective(Logit(batch), StreamKind(batch), dp, rn));
    }

    public static Tensor Objective(Tensor logit, Tensor kind, Tensor fDp, Tensor fRn)
    {
        var ip = Is(kind, FeedbackKind.ImmediatePositive);
        var delayed = Is(kind, FeedbackKind.DelayedPositive);
        var observedNegative = Is(kind, FeedbackKind.ObservedNegative);
        var zi = 1 - fRn;
        var positive = ip * (1 + fDp) + delayed + observedNegative * zi * fDp;
        var negative = observedNegative * (1 - zi) * (1 + fDp);
        return Losses.WeightedBinaryCrossEntropy(logit, positive, negative);
    }
}
