using CmDcm.Features;
using CmDcm.Models;
using CmDcm.Training;
using static TorchSharp.torch;

namespace CmDcm.Tests;

/// <summary>Native memory stays flat across training steps (dispose scopes plus the trainer's periodic GC).</summary>
public class MemoryTests
{
    static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    [Fact]
    public void TrainingDoesNotGrowResidentMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Large embedding tables make any per-step leak of gradient-sized buffers visible (~6 MB a step).
        var config = SyntheticSamples.SmallModel() with
        {
            Encoder = new EncoderConfig { EmbeddingDim = 16, UserBuckets = 50_000, ItemBuckets = 50_000, CategoryBuckets = 1_000 },
        };
        var samples = SyntheticSamples.Make(256 * 40, 1, prePromotion: false);
        var rows = Enumerable.Range(0, samples.Count).ToArray();
        var model = new PretrainedDailyModel(config, hasPrice: true);
        var data = new BatchBuilder(samples, config.Encoder, CPU);
        var training = new TrainingConfig { Epochs = 1, BatchSize = 256, LearningRate = 0.01 };

        Trainer.Fit(model, data, rows, training, 1, "warm-up"); // 40 steps: optimizer state and allocator pools settle
        GC.Collect();
        long before = ResidentBytes();
        Trainer.Fit(model, data, rows, training with { Epochs = 4 }, 1, "measured"); // 160 more steps
        GC.Collect();
        long growth = ResidentBytes() - before;
        Assert.True(growth < 200L << 20, $"resident memory grew by {growth >> 20} MB over 160 steps");
    }
}
