using CmDcm.Features;

namespace CmDcm.Training;

/// <summary>
/// What the one training loop iterates: Count training examples, built into batches by position
/// (0..Count-1). Clicks are shuffled every epoch; a delayed-feedback stream keeps its emit-time order.
/// </summary>
public interface IBatchSource
{
    int Count { get; }

    /// <summary>false for a stream: baselines.md, rows are consumed in emit-time order.</summary>
    bool Shuffle { get; }

    Batch Build(ReadOnlySpan<int> positions);
}
