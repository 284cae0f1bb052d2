using static TorchSharp.torch;

namespace CmDcm.Models.Layers;

/// <summary>
/// The shared encoder's output: the concatenation every tower reads, plus the parts the delay tower
/// and the personalised gates read on their own (model.md §3.1-3.2).
/// </summary>
public sealed record EncodedClicks(
    Tensor All,
    Tensor CartSequence,
    Tensor BuySequence,
    Tensor ItemCategory,
    Tensor UserActivity,
    Tensor? PriceDiscount);
