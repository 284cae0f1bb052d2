using CmDcm.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CmDcm.Models.Layers;

/// <summary>
/// model.md §1: hashed id embeddings, mask-pooled behaviour sequences (sequence items share the item
/// table, sequence categories the category table), log1p dense features through small linear layers.
/// One class serves every model.
/// </summary>
public sealed class SharedEncoder : Module<Batch, EncodedClicks>
{
    const int Hours = 24;
    readonly Embedding user, item, category, hour;
    readonly Linear activity, context;
    readonly Linear? price;

    public int OutputWidth { get; }
    public int SequenceWidth { get; }
    public int GateInputWidth { get; }
    public int PriceWidth { get; }

    public SharedEncoder(string name, EncoderConfig config, bool hasPrice) : base(name)
    {
        int d = config.EmbeddingDim;
        user = Embedding(config.UserBuckets, d, padding_idx: 0);
        item = Embedding(config.ItemBuckets, d, padding_idx: 0);
        category = Embedding(config.CategoryBuckets, d, padding_idx: 0);
        hour = Embedding(Hours, d);
        activity = Linear(BatchBuilder.UserActivityWidth, d);
        context = Linear(BatchBuilder.ContextWidth, d);
        if (hasPrice) price = Linear(2, d);
        SequenceWidth = 2 * d;
        PriceWidth = hasPrice ? d : 0;
        OutputWidth = 4 * d + 2 * SequenceWidth + 2 * d + PriceWidth;
        GateInputWidth = 2 * SequenceWidth + BatchBuilder.UserActivityWidth + 2 * d;
        RegisterComponents();
    }

    public override EncodedClicks forward(Batch batch)
    {
        var cart = cat([Pool(item, batch.CartItems), Pool(category, batch.CartCategories)], 1);
        var buy = cat([Pool(item, batch.BuyItems), Pool(category, batch.BuyCategories)], 1);
        var itemCategory = cat([item.forward(batch.Item), category.forward(batch.Category)], 1);
        var parts = new List<Tensor>
        {
            user.forward(batch.User), itemCategory, hour.forward(batch.Hour), cart, buy,
            activity.forward(batch.UserActivity), context.forward(batch.Context),
        };
        Tensor? priceDiscount = null;
        if (price != null && batch.PriceDiscount is { } pd)
        {
            priceDiscount = price.forward(pd);
            parts.Add(priceDiscount);
        }
        return new EncodedClicks(cat(parts, 1), cart, buy, itemCategory, batch.UserActivity, priceDiscount);
    }

    /// <summary>Mean of the embeddings of the non-padding ids (id 0 is padding).</summary>
    static Tensor Pool(Embedding table, Tensor ids)
    {
        var mask = ids.ne(0).unsqueeze(-1).to_type(ScalarType.Float32);
        var sum = (table.forward(ids) * mask).sum(1);
        return sum / mask.sum(1).clamp_min(1f);
    }
}
