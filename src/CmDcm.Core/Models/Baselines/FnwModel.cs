using CmDcm.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models.Baselines;

/// <summary>
/// FNW, fake negative weighted (Ktena et al. 2019): every click arrives as a negative at t_c and each positive
/// again at t_v, so the observed stream over-counts negatives; importance weights with p = sg(f) undo it.
/// </summary>
public sealed class FnwModel : FineTunedCvrModel
{
    public FnwModel(PretrainedDailyModel daily, ModelConfig config, bool hasPrice) : base("fnw", daily, config, hasPrice)
    {
    }

    public override LossTerms Loss(Batch batch) =>
        new LossTerms().Add("fnw", Objective(Logit(batch), StreamLabel(batch)));

    /// <summary>L = y (1+p) softplus(−z) + (1−y)(1−p)(1+p) softplus(z), p = sg(σ(z)).</summary>
    public static Tensor Objective(Tensor logit, Tensor label)
    {
        var p = nn.functional.sigmoid(logit).detach();
        return Losses.WeightedBinaryCrossEntropy(logit, label * (1 + p), (1 - label) * (1 - p) * (1 + p));
    }
}
