using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace CmDcm.Models;

/// <summary>The kit's binary cross-entropies: from logits in softplus form, or from probabilities clamped away from 0 and 1.</summary>
public static class Losses
{
    public const float Epsilon = 1e-7f;

    public static Tensor Clamp(Tensor probability) => probability.clamp(Epsilon, 1 - Epsilon);

    /// <summary>Mean BCE of a probability (clamped to [1e-7, 1-1e-7]: never log 0).</summary>
    public static Tensor BinaryCrossEntropy(Tensor probability, Tensor label) =>
        BinaryCrossEntropyPerSample(probability, label).mean();

    public static Tensor BinaryCrossEntropyPerSample(Tensor probability, Tensor label) =>
        BinaryCrossEntropyPerSample(LogProbability.Of(probability), label);

    /// <summary>Mean BCE of a probability given in log space: exact however close p is to 0 or 1.</summary>
    public static Tensor BinaryCrossEntropy(LogProbability probability, Tensor label) =>
        BinaryCrossEntropyPerSample(probability, label).mean();

    static Tensor BinaryCrossEntropyPerSample(LogProbability probability, Tensor label) =>
        -(label * probability.Log + (1 - label) * probability.LogComplement);

    /// <summary>Mean BCE of a logit: y softplus(-z) + (1-y) softplus(z), finite for any z.</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logit, Tensor label) =>
        WeightedBinaryCrossEntropy(logit, label, 1 - label);

    /// <summary>Mean of w+ softplus(-z) + w- softplus(z): the form every delayed-feedback loss takes.</summary>
    public static Tensor WeightedBinaryCrossEntropy(Tensor logit, Tensor positiveWeight, Tensor negativeWeight) =>
        (positiveWeight * softplus(-logit) + negativeWeight * softplus(logit)).mean();
}
