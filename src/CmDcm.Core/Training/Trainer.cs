using System.Diagnostics;
using CmDcm.Features;
using CmDcm.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Training;

/// <summary>
/// The one training loop: Adagrad over mini-batches (shuffled clicks, or a delayed-feedback stream in
/// emit-time order), a dispose scope per batch so native memory does not grow, and a NaN/Inf check on
/// every loss term that names where it happened.
/// </summary>
public static class Trainer
{
    /// <summary>Trains on rows of a click table, shuffled every epoch.</summary>
    public static TrainingHistory Fit(ConversionModel model, BatchBuilder data, int[] rows, TrainingConfig config, int seed,
        string method, IProgress<string>? progress = null) =>
        Fit(model, new RowBatches(data, rows), config, seed, method, progress);

    public static TrainingHistory Fit(ConversionModel model, IBatchSource source, TrainingConfig config, int seed,
        string method, IProgress<string>? progress = null)
    {
        if (source.Count == 0) throw new InputError($"{method}: no training samples");
        var history = new TrainingHistory();
        var order = Enumerable.Range(0, source.Count).ToArray();
        var random = new Random(seed);
        using var optimizer = optim.Adagrad(model.TrainableParameters(), config.LearningRate);
        var clock = Stopwatch.StartNew();
        int step = 0;
        model.train();
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            if (source.Shuffle) random.Shuffle(order);
            var sums = new Dictionary<string, double>();
            int batches = 0;
            for (int start = 0; start < order.Length; start += config.BatchSize, batches++)
            {
                using var scope = NewDisposeScope();
                using var batch = source.Build(order.AsSpan(start, Math.Min(config.BatchSize, order.Length - start)));
                var loss = model.Loss(batch);
                foreach (var (name, value) in loss.Terms)
                {
                    float v = value.item<float>();
                    if (!float.IsFinite(v)) throw new TrainingDivergedException(method, epoch, batches + 1, name, v);
                    sums[name] = sums.GetValueOrDefault(name) + v;
                }
                float total = loss.Total.item<float>();
                if (!float.IsFinite(total)) throw new TrainingDivergedException(method, epoch, batches + 1, "total", total);
                sums["total"] = sums.GetValueOrDefault("total") + total;
                optimizer.zero_grad();
                loss.Total.backward();
                optimizer.step();
                history.Samples += batch.Size;
                if (++step % config.CollectEverySteps == 0) GC.Collect();
            }
            history.Epochs.Add(sums.ToDictionary(p => p.Key, p => p.Value / Math.Max(1, batches)));
            progress?.Report($"{method} epoch {epoch}/{config.Epochs}: loss {history.Epochs[^1]["total"]:F5} ({history.Samples / clock.Elapsed.TotalSeconds:F0} samples/s)");
        }
        history.Seconds = clock.Elapsed.TotalSeconds;
        model.eval();
        return history;
    }
}
