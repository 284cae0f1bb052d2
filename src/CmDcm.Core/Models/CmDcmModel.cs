using CmDcm.Features;
using CmDcm.Models.Counterfactual;
using CmDcm.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models;

/// <summary>
/// CM-DCM (paper §3): the frozen daily CVR/ATC model, a Delay-CVR tower reading its gated hidden layers,
/// trained multi-task on delayed and all conversions (eq. 5) with a counterfactual regulariser for the
/// effect of add-to-cart (eq. 9-11). The delay tower's encoder starts as a copy of the daily encoder.
/// </summary>
public sealed class CmDcmModel : ConversionModel
{
    readonly PretrainedDailyModel daily;
    readonly SharedEncoder encoder;
    readonly DelayTower tower;
    readonly CounterfactualRegularizer? regularizer;
    readonly ModelConfig config;

    public CmDcmModel(PretrainedDailyModel daily, ModelConfig config, bool hasPrice) : base("cm_dcm")
    {
        this.daily = daily;
        this.config = config;
        encoder = new SharedEncoder("encoder", config.Encoder, hasPrice);
        encoder.load_state_dict(daily.Encoder.state_dict());
        int input = config.Hidden[^1] + encoder.PriceWidth + 2 * encoder.SequenceWidth + encoder.OutputWidth;
        tower = new DelayTower("delay_tower", input, encoder.GateInputWidth, config);
        regularizer = CounterfactualRegularizer.Create(config.Counterfactual, input, config.HeadHidden);
        if (config.DelayHead is not ("bounded" or "sum"))
            throw new InputError($"unknown delay head '{config.DelayHead}': use bounded or sum");
        RegisterComponents();
        Freeze(daily);
    }

    public override LossTerms Loss(Batch batch)
    {
        var step = Step(batch);
        var terms = new LossTerms()
            .Add("bce_delay", Losses.BinaryCrossEntropy(step.Delay, batch.YDelay))
            .Add("bce_all", Losses.BinaryCrossEntropy(step.All, batch.YAll), config.Alpha);
        if (regularizer != null)
        {
            var propensity = step.PAtc.clamp(config.PropensityClip, 1 - config.PropensityClip);
            var input = new CounterfactualInput(step.Input, step.PDelay, propensity, batch.Atc, batch.YDelay);
            regularizer.AddLosses(terms, input, config.LambdaCm, config.LambdaCf);
        }
        return terms;
    }

    public override ClickPredictions forward(Batch batch)
    {
        var step = Step(batch);
        return new ClickPredictions(step.PDelay, step.PAll, step.PCvr, step.PAtc, regularizer?.Effect(step.Input));
    }

    /// <summary>Gate values per layer on a batch (g_cvr^1..3, then g_atc^1..3).</summary>
    public Tensor[] Gates(Batch batch) => tower.Gates(GateInput(encoder.forward(batch)));

    Forward Step(Batch batch)
    {
        DailyTowers frozen;
        Tensor pCvr, pAtc;
        using (no_grad())
        {
            frozen = daily.Towers(batch);
            pCvr = nn.functional.sigmoid(frozen.CvrLogit);
            pAtc = nn.functional.sigmoid(frozen.AtcLogit);
        }
        var encoded = encoder.forward(batch);
        var parts = new List<Tensor> { frozen.CvrHidden[^1] };
        if (encoded.PriceDiscount is { } price) parts.Add(price);
        parts.AddRange([encoded.CartSequence, encoded.BuySequence, encoded.All]);
        var input = cat(parts, 1); // eq. 3
        var z = tower.forward(new DelayTowerInput(input, GateInput(encoded), frozen));
        if (config.DelayHead == "bounded")
        {
            // σ(z) = P(delayed | not direct), so p_delay = (1 - p_cvr) σ(z) and p_all = p_cvr + p_delay stay
            // in (0, 1). Built in log space: a clamped p_delay would stop learning once σ(z) fell under 1e-7.
            var (direct, notDirect) = (nn.functional.logsigmoid(frozen.CvrLogit), nn.functional.logsigmoid(-frozen.CvrLogit));
            var (delayed, notDelayed) = (nn.functional.logsigmoid(z), nn.functional.logsigmoid(-z));
            var delay = new LogProbability(notDirect + delayed, logaddexp(direct, notDirect + notDelayed));
            var all = new LogProbability(logaddexp(direct, notDirect + delayed), notDirect + notDelayed);
            return new Forward(input, pCvr, pAtc, delay, all);
        }
        // The paper's literal p_all = p_cvr + p_delay, clamped.
        var pDelay = nn.functional.sigmoid(z);
        return new Forward(input, pCvr, pAtc, LogProbability.Of(pDelay), LogProbability.Of(pCvr + pDelay));
    }

    /// <summary>u of eq. 6: the user's pre-promotion behaviour and the (detached) item and category.</summary>
    static Tensor GateInput(EncodedClicks e) => cat([e.CartSequence, e.BuySequence, e.UserActivity, e.ItemCategory.detach()], 1);

    sealed record Forward(Tensor Input, Tensor PCvr, Tensor PAtc, LogProbability Delay, LogProbability All)
    {
        public Tensor PDelay => Delay.Log.exp();
        public Tensor PAll => All.Log.exp();
    }
}
