using CmDcm.Labels;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Features;

/// <summary>Turns rows of a ClickSamples table into a Batch of tensors on a device.</summary>
public sealed class BatchBuilder(ClickSamples samples, EncoderConfig config, Device device)
{
    const int K = ClickSamples.SequenceLength;
    public const int UserActivityWidth = ClickSamples.UserCountFields;
    public const int ContextWidth = 2 * ClickSamples.ItemCountFields + 1;

    public ClickSamples Samples => samples;

    public Batch Build(ReadOnlySpan<int> rows) => Build(rows, [], []);

    /// <summary>A batch of delayed-feedback stream rows: the clicks' features plus each row's observed label and kind.</summary>
    public Batch Build(ReadOnlySpan<int> rows, ReadOnlySpan<float> streamLabel, ReadOnlySpan<long> streamKind)
    {
        int n = rows.Length;
        var user = new long[n];
        var item = new long[n];
        var category = new long[n];
        var hour = new long[n];
        var cartItems = new long[n * K];
        var cartCategories = new long[n * K];
        var buyItems = new long[n * K];
        var buyCategories = new long[n * K];
        var activity = new float[n * UserActivityWidth];
        var context = new float[n * ContextWidth];
        var price = samples.HasPrice ? new float[n * 2] : null;
        var yCvr = new float[n];
        var yAtc = new float[n];
        var yAll = new float[n];
        var yDelay = new float[n];
        var atc = new float[n];

        for (int r = 0; r < n; r++)
        {
            int i = rows[r];
            user[r] = FeatureHashing.Bucket(samples.User[i], config.UserBuckets);
            item[r] = FeatureHashing.Bucket(samples.Item[i], config.ItemBuckets);
            category[r] = FeatureHashing.Bucket(samples.Category[i], config.CategoryBuckets);
            hour[r] = samples.HourOfDay[i];
            for (int k = 0; k < K; k++)
            {
                cartItems[r * K + k] = FeatureHashing.Bucket(samples.Carts.Item(i, k), config.ItemBuckets);
                cartCategories[r * K + k] = FeatureHashing.Bucket(samples.Carts.Category(i, k), config.CategoryBuckets);
                buyItems[r * K + k] = FeatureHashing.Bucket(samples.Buys.Item(i, k), config.ItemBuckets);
                buyCategories[r * K + k] = FeatureHashing.Bucket(samples.Buys.Category(i, k), config.CategoryBuckets);
            }
            for (int f = 0; f < UserActivityWidth; f++)
                activity[r * UserActivityWidth + f] = MathF.Log(1 + samples.UserCounts[i * UserActivityWidth + f]);
            int c = r * ContextWidth;
            for (int f = 0; f < ClickSamples.ItemCountFields; f++)
            {
                context[c + f] = MathF.Log(1 + samples.ItemCounts[i * ClickSamples.ItemCountFields + f]);
                context[c + ClickSamples.ItemCountFields + f] = MathF.Log(1 + samples.CategoryCounts[i * ClickSamples.ItemCountFields + f]);
            }
            context[c + ContextWidth - 1] = MathF.Log(1 + Math.Max(0f, samples.HoursToPromotion[i]));
            if (price != null)
            {
                price[r * 2] = MathF.Log(1 + Math.Max(0f, samples.Price[i]));
                price[r * 2 + 1] = samples.Discount[i];
            }
            yCvr[r] = samples.YCvr[i];
            yAtc[r] = samples.YAtc[i];
            yAll[r] = samples.YAll[i];
            yDelay[r] = samples.YDelay[i];
            atc[r] = samples.Atc[i];
        }

        return new Batch
        {
            User = tensor(user, device: device),
            Item = tensor(item, device: device),
            Category = tensor(category, device: device),
            Hour = tensor(hour, device: device),
            CartItems = tensor(cartItems, [n, K], device: device),
            CartCategories = tensor(cartCategories, [n, K], device: device),
            BuyItems = tensor(buyItems, [n, K], device: device),
            BuyCategories = tensor(buyCategories, [n, K], device: device),
            UserActivity = tensor(activity, [n, UserActivityWidth], device: device),
            Context = tensor(context, [n, ContextWidth], device: device),
            PriceDiscount = price == null ? null : tensor(price, [n, 2], device: device),
            YCvr = tensor(yCvr, device: device),
            YAtc = tensor(yAtc, device: device),
            YAll = tensor(yAll, device: device),
            YDelay = tensor(yDelay, device: device),
            Atc = tensor(atc, device: device),
            StreamLabel = streamLabel.IsEmpty ? null : tensor(streamLabel.ToArray(), device: device),
            StreamKind = streamKind.IsEmpty ? null : tensor(streamKind.ToArray(), device: device),
        };
    }
}
