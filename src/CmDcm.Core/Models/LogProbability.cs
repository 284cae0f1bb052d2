using static TorchSharp.torch;

namespace CmDcm.Models;

/// <summary>
/// A probability held as log p and log(1 - p). A head whose p is built in log space keeps an exact,
/// non-zero gradient at either end, where a clamped probability would sit on the clamp with none.
/// </summary>
public sealed record LogProbability(Tensor Log, Tensor LogComplement)
{
    /// <summary>From a probability, clamped to [1e-7, 1-1e-7] (for heads that have no log-space form).</summary>
    public static LogProbability Of(Tensor probability)
    {
        var p = Losses.Clamp(probability);
        return new LogProbability(p.log(), (1 - p).log());
    }
}
