using static TorchSharp.torch;

namespace CmDcm.Models;

/// <summary>A model's training loss and its named parts, so a NaN can be traced to the term that produced it.</summary>
public sealed class LossTerms
{
    readonly List<(string Name, Tensor Value)> terms = new();

    public IReadOnlyList<(string Name, Tensor Value)> Terms => terms;

    public Tensor Total { get; private set; } = zeros(1).squeeze();

    /// <summary>Adds weight * value to the total and records the unweighted term under its name.</summary>
    public LossTerms Add(string name, Tensor value, double weight = 1.0)
    {
        terms.Add((name, value));
        if (weight != 0) Total = Total.to(value.device) + (weight == 1.0 ? value : value * weight);
        return this;
    }
}
