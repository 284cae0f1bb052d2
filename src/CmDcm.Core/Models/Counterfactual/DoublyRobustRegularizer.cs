using CmDcm.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models.Counterfactual;

/// <summary>
/// The DR-learner reconstruction of eq. 9-11 (model.md §3.3). Imputation heads m(x,0), m(x,1) fit the
/// factual outcome; the DR pseudo-outcome
///   τ̂ = m1 − m0 + T (Y − m1)/e − (1 − T)(Y − m0)/(1 − e)
/// is regressed by an effect head τ(x) ∈ (−1, 1); the CM loss pulls p_delay towards the causal
/// decomposition E[Y|x] = m0 + e τ under unconfoundedness.
/// </summary>
public sealed class DoublyRobustRegularizer : CounterfactualRegularizer
{
    readonly Tower untreated, treated, effect;

    public DoublyRobustRegularizer(int inputWidth, int hidden) : base("dr_learner")
    {
        untreated = new Tower("m0", inputWidth, [hidden]);
        treated = new Tower("m1", inputWidth, [hidden]);
        effect = new Tower("tau", inputWidth, [hidden]);
        RegisterComponents();
    }

    public override Tensor? Effect(Tensor features) => effect.forward(features).Logit.tanh();

    public override void AddLosses(LossTerms terms, CounterfactualInput x, double lambdaCm, double lambdaCf)
    {
        var logit0 = untreated.forward(x.Features).Logit;
        var logit1 = treated.forward(x.Features).Logit;
        var factual = x.Treatment * logit1 + (1 - x.Treatment) * logit0;
        terms.Add("imputation", Losses.BinaryCrossEntropyWithLogits(factual, x.Outcome), lambdaCf);

        Tensor pseudo, target;
        var tau = Effect(x.Features)!;
        using (no_grad())
        {
            var m0 = nn.functional.sigmoid(logit0);
            var m1 = nn.functional.sigmoid(logit1);
            var e = x.Propensity;
            pseudo = m1 - m0 + x.Treatment * (x.Outcome - m1) / e - (1 - x.Treatment) * (x.Outcome - m0) / (1 - e);
            target = (m0 + e * tau).clamp(0, 1);
        }
        terms.Add("effect", (tau - pseudo).square().mean(), lambdaCf);
        terms.Add("cm", (x.PDelay - target).square().mean(), lambdaCm);
    }
}
