using CmDcm.Features;
using static TorchSharp.torch;

namespace CmDcm.Models.Baselines;

/// <summary>
/// ES-DFM, elapsed-time sampling (Yang et al. 2021): each click arrives at t_c + c with its label then, each
/// delayed positive again at t_v. The frozen auxiliary model's f_dp and f_rn give the importance weights
/// w+ = 1 + f_dp, w− = (1 + f_dp) f_rn.
/// </summary>
public sealed class EsDfmModel : FineTunedCvrModel
{
    readonly AuxiliaryDelayModel auxiliary;

    public EsDfmModel(PretrainedDailyModel daily, AuxiliaryDelayModel auxiliary, ModelConfig config, bool hasPrice)
        : base("es_dfm", daily, config, hasPrice)
    {
        this.auxiliary = auxiliary;
        register_module("auxiliary", auxiliary);
        Freeze(auxiliary);
    }

    public override LossTerms Loss(Batch batch)
    {
        var (dp, rn) = auxiliary.Probabilities(batch);
        return new LossTerms().Add("es_dfm", Objective(Logit(batch), StreamLabel(batch), dp, rn));
    }

    public static Tensor Objective(Tensor logit, Tensor label, Tensor fDp, Tensor fRn) =>
        Losses.WeightedBinaryCrossEntropy(logit, label * (1 + fDp), (1 - label) * (1 + fDp) * fRn);
}
