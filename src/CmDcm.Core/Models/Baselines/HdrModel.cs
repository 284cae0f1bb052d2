using CmDcm.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CmDcm.Models.Baselines;

/// <summary>
/// HDR (Chan et al. 2023, historical data reuse; no public code, our reading), part (3) TransBlock: the
/// pre-trained daily CVR tower stays frozen and a residual adapter on its last hidden layer h3 is fine-tuned on
/// the retrieved historical clicks, each weighted by the frozen shift classifier, with label y_all.
/// z = head(h3 + adapter(h3)), where head is the frozen tower's output layer. One probability:
/// p_delay = p_all = σ(z).
/// </summary>
public sealed class HdrModel : ConversionModel
{
    public const int AdapterWidth = 128;

    readonly PretrainedDailyModel daily;
    readonly ShiftClassifier shift;
    readonly Linear adapterIn;
    readonly Linear adapterOut;

    public HdrModel(PretrainedDailyModel daily, ShiftClassifier shift) : base("hdr")
    {
        this.daily = daily;
        this.shift = shift;
        int hidden = (int)HeadWeight.shape[1];
        adapterIn = nn.Linear(hidden, AdapterWidth);
        adapterOut = nn.Linear(AdapterWidth, hidden);
        // The adapter starts as the identity residual, so untrained HDR is exactly the daily CVR tower.
        using (no_grad())
        {
            adapterOut.weight.zero_();
            adapterOut.bias!.zero_();
        }
        register_module("daily", daily);
        register_module("shift", shift);
        register_module("adapter_in", adapterIn);
        register_module("adapter_out", adapterOut);
        Freeze(daily);
        Freeze(shift);
    }

    /// <summary>The frozen CVR tower's output weight [1, width of h3].</summary>
    Tensor HeadWeight => daily.Cvr.named_parameters().Single(p => p.name == "output.weight").parameter;

    /// <summary>
    /// z = head(h3 + adapter(h3)) = z_frozen + W·adapter(h3): the head is linear, so the residual on the hidden
    /// layer is the frozen logit plus the adapter seen through the frozen output weight (no bias counted twice).
    /// </summary>
    public Tensor Logit(Batch batch)
    {
        Tensor frozenLogit, h3;
        using (no_grad())
        {
            var (logit, hidden) = daily.Cvr.forward(daily.Encoder.forward(batch).All);
            frozenLogit = logit;
            h3 = hidden[^1];
        }
        var residual = adapterOut.forward(nn.functional.relu(adapterIn.forward(h3)));
        return frozenLogit + residual.matmul(HeadWeight.t()).squeeze(-1);
    }

    /// <summary>Weighted BCE: w y softplus(−z) + w (1 − y) softplus(z), w from the frozen shift classifier.</summary>
    public override LossTerms Loss(Batch batch)
    {
        var label = batch.StreamLabel ?? throw new InvalidOperationException("HDR trains on reused clicks with a label per row");
        var w = shift.ImportanceWeight(batch);
        return new LossTerms().Add("hdr", Losses.WeightedBinaryCrossEntropy(Logit(batch), w * label, w * (1 - label)));
    }

    public override ClickPredictions forward(Batch batch)
    {
        var p = nn.functional.sigmoid(Logit(batch));
        return new ClickPredictions(p, p);
    }
}
