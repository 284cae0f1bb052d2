namespace CmDcm.Features;

/// <summary>Sizes of the shared input encoder (model.md §1); buckets bound memory for 4M-item datasets.</summary>
public sealed record EncoderConfig
{
    public int EmbeddingDim { get; init; } = 16;
    public int UserBuckets { get; init; } = 100_000;
    public int ItemBuckets { get; init; } = 200_000;
    public int CategoryBuckets { get; init; } = 20_000;
}
