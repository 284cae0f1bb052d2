using CmDcm.Features;
using CmDcm.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models;

/// <summary>
/// model.md §2: the daily CVR and ATC towers on the shared encoder, trained on regular-period clicks
/// with L = BCE(y_cvr, p_cvr) + BCE(y_atc, p_atc). After pre-training it is frozen and read by every
/// other method; its own score (Table 2, "pre-trained") is p_cvr.
/// </summary>
public sealed class PretrainedDailyModel : ConversionModel
{
    public SharedEncoder Encoder { get; }
    public Tower Cvr { get; }
    public Tower Atc { get; }

    public PretrainedDailyModel(ModelConfig config, bool hasPrice) : base("pretrained")
    {
        Encoder = new SharedEncoder("encoder", config.Encoder, hasPrice);
        Cvr = new Tower("cvr", Encoder.OutputWidth, config.Hidden);
        Atc = new Tower("atc", Encoder.OutputWidth, config.Hidden);
        RegisterComponents();
    }

    /// <summary>Both towers' logits and hidden layers h^1..h^3, for CM-DCM and the baselines to read.</summary>
    public DailyTowers Towers(Batch batch)
    {
        var encoded = Encoder.forward(batch);
        var (cvrLogit, cvrHidden) = Cvr.forward(encoded.All);
        var (atcLogit, atcHidden) = Atc.forward(encoded.All);
        return new DailyTowers(cvrLogit, cvrHidden, atcLogit, atcHidden);
    }

    public override LossTerms Loss(Batch batch)
    {
        var towers = Towers(batch);
        return new LossTerms()
            .Add("bce_cvr", Losses.BinaryCrossEntropyWithLogits(towers.CvrLogit, batch.YCvr))
            .Add("bce_atc", Losses.BinaryCrossEntropyWithLogits(towers.AtcLogit, batch.YAtc));
    }

    public override ClickPredictions forward(Batch batch)
    {
        var towers = Towers(batch);
        var pCvr = nn.functional.sigmoid(towers.CvrLogit);
        return new ClickPredictions(pCvr, pCvr, pCvr, nn.functional.sigmoid(towers.AtcLogit));
    }
}

/// <summary>The daily model's two towers on one batch: logits and hidden layers.</summary>
public sealed record DailyTowers(Tensor CvrLogit, Tensor[] CvrHidden, Tensor AtcLogit, Tensor[] AtcHidden);
