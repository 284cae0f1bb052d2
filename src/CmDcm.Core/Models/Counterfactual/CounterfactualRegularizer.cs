using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models.Counterfactual;

/// <summary>
/// Paper §3.3 (eq. 9-11): a regulariser built on the causal effect of the treatment T (add-to-cart before
/// the promotion) on the outcome Y (delayed conversion), with the frozen ATC tower as propensity.
/// </summary>
public abstract class CounterfactualRegularizer(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Adds this regulariser's loss terms, weighted by λ_CM and λ_cf.</summary>
    public abstract void AddLosses(LossTerms terms, CounterfactualInput input, double lambdaCm, double lambdaCf);

    /// <summary>τ(x), the estimated effect of T on Y, where the variant estimates it; else null.</summary>
    public virtual Tensor? Effect(Tensor features) => null;

    public override Tensor forward(Tensor features) => Effect(features) ?? zeros(features.shape[0], device: features.device);

    public static CounterfactualRegularizer? Create(string kind, int inputWidth, int hidden) => kind switch
    {
        "dr-learner" => new DoublyRobustRegularizer(inputWidth, hidden),
        "escm2-dr" => new Escm2DoublyRobustRegularizer(inputWidth, hidden),
        "none" => null,
        _ => throw new InputError($"unknown counterfactual regulariser '{kind}': use dr-learner, escm2-dr or none"),
    };
}

/// <summary>What a regulariser reads: the delay tower's input (shared with the heads), p_delay, e(x), T and Y.</summary>
public sealed record CounterfactualInput(Tensor Features, Tensor PDelay, Tensor Propensity, Tensor Treatment, Tensor Outcome);
