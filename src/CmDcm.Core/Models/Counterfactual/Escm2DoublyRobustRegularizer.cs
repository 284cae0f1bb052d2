using CmDcm.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models.Counterfactual;

/// <summary>
/// The ESCM2-style alternative (model.md §3.3, option "escm2-dr"): prediction error err = BCE(Y, p_delay),
/// an error-imputation head ê ≥ 0, L_DR = mean[ê + T (err − ê)/e] weighted by λ_CM and
/// L_imp = mean[T (err − ê)² / e] weighted by λ_cf. It estimates no effect τ.
/// </summary>
public sealed class Escm2DoublyRobustRegularizer : CounterfactualRegularizer
{
    readonly Tower errorImputation;

    public Escm2DoublyRobustRegularizer(int inputWidth, int hidden) : base("escm2_dr")
    {
        errorImputation = new Tower("error_imputation", inputWidth, [hidden]);
        RegisterComponents();
    }

    public override void AddLosses(LossTerms terms, CounterfactualInput x, double lambdaCm, double lambdaCf)
    {
        var error = Losses.BinaryCrossEntropyPerSample(x.PDelay, x.Outcome);
        var imputed = nn.functional.softplus(errorImputation.forward(x.Features).Logit);
        terms.Add("dr", (imputed + x.Treatment * (error - imputed) / x.Propensity).mean(), lambdaCm);
        terms.Add("imputation", (x.Treatment * (error.detach() - imputed).square() / x.Propensity).mean(), lambdaCf);
    }
}
