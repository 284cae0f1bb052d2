using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using CmDcm.Training;
using static TorchSharp.torch;

namespace CmDcm.Tests;

/// <summary>Small random click tables with learnable labels, for model tests that need no pipeline.</summary>
static class SyntheticSamples
{
    public static ModelConfig SmallModel(string counterfactual = "dr-learner") => new()
    {
        Encoder = new EncoderConfig { EmbeddingDim = 4, UserBuckets = 101, ItemBuckets = 211, CategoryBuckets = 31 },
        Hidden = [16, 8, 4],
        GateHidden = [8, 4],
        HeadHidden = 4,
        Counterfactual = counterfactual,
    };

    public static ClickSamples Make(int count, int seed, bool prePromotion)
    {
        var random = new Random(seed);
        var s = new ClickSamples(count, hasPrice: true);
        for (int i = 0; i < count; i++)
        {
            s.User[i] = random.Next(50);
            s.Item[i] = random.Next(200);
            s.Category[i] = s.Item[i] % 20;
            s.ClickTs[i] = 1511539200 + i;
            s.HourOfDay[i] = (byte)random.Next(24);
            s.HoursToPromotion[i] = random.Next(72);
            s.Price[i] = random.Next(10, 500);
            s.Discount[i] = (float)random.NextDouble() * 0.5f;
            for (int f = 0; f < ClickSamples.UserCountFields; f++) s.UserCounts[i * ClickSamples.UserCountFields + f] = random.Next(30);
            var carts = new int[5];
            for (int k = 0; k < carts.Length; k++) carts[k] = random.Next(200);
            s.Carts.Set(i, carts, [-1, -1, -1, -1, -1]);
            bool likely = s.UserCounts[i * ClickSamples.UserCountFields + 2] > 15;
            int label = random.NextDouble() < (likely ? 0.4 : 0.05) ? 1 : 0;
            if (prePromotion)
            {
                s.Period[i] = Period.PrePromotion;
                s.Atc[i] = (sbyte)(random.NextDouble() < (likely ? 0.5 : 0.1) ? 1 : 0);
                s.YDelay[i] = (sbyte)label;
                s.YAll[i] = (sbyte)(label == 1 || random.NextDouble() < 0.02 ? 1 : 0);
                s.Split[i] = i % 5 == 0 ? SampleSplit.Eval : SampleSplit.Train;
            }
            else
            {
                s.Period[i] = Period.Regular;
                s.YCvr[i] = (sbyte)label;
                s.YAtc[i] = (sbyte)(random.NextDouble() < (likely ? 0.5 : 0.1) ? 1 : 0);
            }
        }
        return s;
    }

    /// <summary>Turns a pre-promotion row into a regular-period click: its generated labels become y_cvr and y_atc.</summary>
    public static void MakeRegular(ClickSamples s, int i, long clickTs)
    {
        s.Period[i] = Period.Regular;
        s.ClickTs[i] = (int)clickTs;
        s.YCvr[i] = s.YDelay[i];
        s.YAtc[i] = s.Atc[i];
        s.YAll[i] = s.YDelay[i] = s.Atc[i] = -1;
        s.Split[i] = SampleSplit.None;
    }

    /// <summary>A small daily model pre-trained (seed 1) on the table's regular clicks, then frozen.</summary>
    public static PretrainedDailyModel FrozenDaily(ClickSamples s, TrainingConfig training)
    {
        var config = SmallModel();
        Devices.Seed(1);
        var daily = new PretrainedDailyModel(config, s.HasPrice);
        Trainer.Fit(daily, new BatchBuilder(s, config.Encoder, CPU), s.Where(i => s.Period[i] == Period.Regular), training, 1, "pretrained");
        ConversionModel.Freeze(daily);
        return daily;
    }
}
