using CmDcm.Features;
using CmDcm.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Models.Baselines;

/// <summary>
/// baselines.md: every delayed-feedback baseline starts from the frozen pre-trained daily model, copies its
/// encoder and CVR tower into trainable ones of the same sizes and fine-tunes them on its own stream and
/// weights. One probability f(x): p_delay = p_all = f(x).
/// </summary>
public abstract class FineTunedCvrModel : ConversionModel
{
    /// <summary>Every importance weight's denominator is clipped here (baselines.md).</summary>
    public const double DenominatorFloor = 1e-6;

    readonly SharedEncoder encoder;
    readonly Layers.Tower tower;

    protected FineTunedCvrModel(string name, PretrainedDailyModel daily, ModelConfig config, bool hasPrice) : base(name)
    {
        encoder = new SharedEncoder("encoder", config.Encoder, hasPrice);
        encoder.load_state_dict(daily.Encoder.state_dict());
        tower = new Layers.Tower("cvr", encoder.OutputWidth, config.Hidden);
        tower.load_state_dict(daily.Cvr.state_dict());
        // Registered by name: RegisterComponents in a subclass does not see a base class's private fields.
        register_module("encoder", encoder);
        register_module("cvr", tower);
    }

    /// <summary>The logit z of f(x).</summary>
    public Tensor Logit(Batch batch) => tower.forward(encoder.forward(batch).All).Logit;

    public override ClickPredictions forward(Batch batch)
    {
        var f = nn.functional.sigmoid(Logit(batch));
        return new ClickPredictions(f, f);
    }

    /// <summary>The stream row's observed label; a baseline trains only on a delayed-feedback stream.</summary>
    protected Tensor StreamLabel(Batch batch) =>
        batch.StreamLabel ?? throw new InvalidOperationException($"{GetName()} trains on a delayed-feedback stream: the batch has no stream label");

    protected Tensor StreamKind(Batch batch) =>
        batch.StreamKind ?? throw new InvalidOperationException($"{GetName()} trains on a delayed-feedback stream: the batch has no row kinds");

    /// <summary>1 where a row is of the given kind, else 0 (float).</summary>
    public static Tensor Is(Tensor kind, FeedbackKind value) => kind.eq((long)value).to_type(ScalarType.Float32);
}
