using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Features;

/// <summary>
/// One mini-batch of clicks as tensors. Labels that do not apply are -1 (see ClickSamples); Atc is the
/// treatment T, read only by the counterfactual regulariser, never by an encoder.
/// </summary>
public sealed class Batch : IDisposable
{
    public required Tensor User { get; init; }          // [B] bucket ids
    public required Tensor Item { get; init; }          // [B]
    public required Tensor Category { get; init; }      // [B]
    public required Tensor Hour { get; init; }          // [B] 0..23
    public required Tensor CartItems { get; init; }     // [B, K] bucket ids, 0 = padding
    public required Tensor CartCategories { get; init; }
    public required Tensor BuyItems { get; init; }
    public required Tensor BuyCategories { get; init; }
    public required Tensor UserActivity { get; init; }  // [B, 4] log1p counts of the user's pv/fav/cart/buy
    public required Tensor Context { get; init; }       // [B, 7] log1p item/category counts, hours to promotion
    public Tensor? PriceDiscount { get; init; }         // [B, 2] log1p price, discount; null without a catalog
    public required Tensor YCvr { get; init; }
    public required Tensor YAtc { get; init; }
    public required Tensor YAll { get; init; }
    public required Tensor YDelay { get; init; }
    public required Tensor Atc { get; init; }
    /// <summary>[B] a delayed-feedback stream row's observed label; null outside a stream.</summary>
    public Tensor? StreamLabel { get; init; }
    /// <summary>[B] int64 <see cref="FeedbackKind"/> of each stream row; null outside a stream.</summary>
    public Tensor? StreamKind { get; init; }
    public int Size => (int)User.shape[0];

    public void Dispose()
    {
        foreach (var t in new[] { User, Item, Category, Hour, CartItems, CartCategories, BuyItems, BuyCategories, UserActivity, Context, PriceDiscount, YCvr, YAtc, YAll, YDelay, Atc, StreamLabel, StreamKind })
            t?.Dispose();
    }
}
