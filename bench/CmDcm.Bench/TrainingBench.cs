using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using CmDcm.Data;
using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using CmDcm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Bench;

/// <summary>
/// Training throughput and inference latency of the pre-trained daily model or CM-DCM, through the kit's
/// one training loop (Trainer.Fit over RowBatches, batch building included) on simulated clicks. It also
/// exports the same rows' model inputs for the PyTorch peer (bench/torch_peer.py), which trains the
/// identical network on them.
/// </summary>
static class TrainingBench
{
    public static int Run(BenchArgs args)
    {
        var dataDir = args.Text("data");
        var model = args.Text("model");
        long samplesWanted = args.Long("samples", 80_000);
        int threads = (int)args.Long("threads", 2);
        int latencyBatches = (int)args.Long("latency-batches", 200);
        var export = args.Optional("export");
        if (model is not ("pretrained" or "cm-dcm")) throw new InputError($"--model pretrained|cm-dcm, got '{model}'");

        int defaultThreads = torch.get_num_threads();
        torch.set_num_threads(threads);
        var config = RunConfig.Load("default");
        var calendar = PromotionCalendar.Load("taobao");
        var events = EventIngest.Read(Path.Combine(dataDir, "UserBehavior.csv"), "taobao", calendar).Events;
        var itemsPath = Path.Combine(dataDir, "items.csv");
        var items = File.Exists(itemsPath) ? ItemCatalog.Read(itemsPath) : null;
        var samples = ClickSampleBuilder.Build(events, calendar, items, new SplitOptions(SplitMode.Random, (ulong)config.SplitSeed));
        var rows = model == "pretrained"
            ? samples.Where(i => samples.Period[i] == Period.Regular)
            : samples.Where(i => samples.Period[i] == Period.PrePromotion && samples.Split[i] == SampleSplit.Train);
        var data = new BatchBuilder(samples, config.Model.Encoder, CPU);
        int epochs = (int)Math.Max(1, (samplesWanted + rows.Length - 1) / rows.Length);
        if (export != null) Export(data, rows, model, epochs, export);

        Devices.Seed(1);
        var daily = new PretrainedDailyModel(config.Model, samples.HasPrice);
        ConversionModel trained = model == "pretrained" ? daily : new CmDcmModel(daily, config.Model, samples.HasPrice);
        var training = new TrainingConfig { Epochs = epochs, BatchSize = 1024, LearningRate = config.Pretrain.LearningRate };
        var history = Trainer.Fit(trained, data, rows, training, seed: 1, model);

        var latencies = Latency(trained, data, rows, latencyBatches);
        Json.Print(new
        {
            tool = "TorchSharp " + typeof(torch).Assembly.GetName().Version,
            libtorch = LoadedLibtorch(),
            model,
            threads = torch.get_num_threads(),
            default_threads = defaultThreads,
            rows = rows.Length,
            epochs,
            samples = history.Samples,
            seconds = history.Seconds,
            samples_per_second = history.SamplesPerSecond,
            final_loss = history.Epochs[^1]["total"],
            latency_p50_ms = Percentile(latencies, 0.50),
            latency_p99_ms = Percentile(latencies, 0.99),
        });
        return 0;
    }

    /// <summary>Milliseconds per forward pass on a batch of 1024 built once (eval mode, no gradients), after 10 warm-up passes.</summary>
    static double[] Latency(ConversionModel model, BatchBuilder data, int[] rows, int batches)
    {
        model.eval();
        using var noGrad = no_grad();
        using var batch = data.Build(rows.AsSpan(0, Math.Min(1024, rows.Length)));
        var times = new double[batches];
        double sink = 0;
        for (int b = -10; b < batches; b++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            var p = model.forward(batch);
            sink += p.PDelay.data<float>()[0];
            if (b >= 0) times[b] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return double.IsFinite(sink) ? times : throw new InvalidOperationException("non-finite prediction in the latency run");
    }

    /// <summary>Where the libtorch this process runs came from: TorchSharp's packaged natives, not a system copy (Debian's python3-torch puts one in /usr/lib).</summary>
    static string LoadedLibtorch() =>
        string.Join(", ", File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Path.GetFileName(f[5]).StartsWith("libtorch_cpu", StringComparison.Ordinal)).Select(f => f[5]).Distinct());

    static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>The rows' model inputs as raw little-endian arrays plus a manifest of names, dtypes and shapes.</summary>
    static void Export(BatchBuilder data, int[] rows, string model, int epochs, string dir)
    {
        Directory.CreateDirectory(dir);
        using var batch = data.Build(rows);
        var tensors = new Dictionary<string, Tensor?>
        {
            ["user"] = batch.User, ["item"] = batch.Item, ["category"] = batch.Category, ["hour"] = batch.Hour,
            ["cart_items"] = batch.CartItems, ["cart_categories"] = batch.CartCategories,
            ["buy_items"] = batch.BuyItems, ["buy_categories"] = batch.BuyCategories,
            ["activity"] = batch.UserActivity, ["context"] = batch.Context, ["price"] = batch.PriceDiscount,
            ["y_cvr"] = batch.YCvr, ["y_atc"] = batch.YAtc, ["y_all"] = batch.YAll, ["y_delay"] = batch.YDelay, ["atc"] = batch.Atc,
        };
        var arrays = new List<object>();
        foreach (var (name, t) in tensors)
        {
            if (t is null) continue;
            var bytes = t.dtype == ScalarType.Int64
                ? MemoryMarshal.AsBytes(t.data<long>().ToArray().AsSpan()).ToArray()
                : MemoryMarshal.AsBytes(t.data<float>().ToArray().AsSpan()).ToArray();
            File.WriteAllBytes(Path.Combine(dir, name + ".bin"), bytes);
            arrays.Add(new { name, dtype = t.dtype == ScalarType.Int64 ? "int64" : "float32", shape = t.shape });
        }
        var config = RunConfig.Load("default").Model;
        var manifest = new
        {
            model, epochs, batch_size = 1024, learning_rate = RunConfig.Load("default").Pretrain.LearningRate,
            embedding_dim = config.Encoder.EmbeddingDim, user_buckets = config.Encoder.UserBuckets,
            item_buckets = config.Encoder.ItemBuckets, category_buckets = config.Encoder.CategoryBuckets,
            hidden = config.Hidden, gate_hidden = config.GateHidden, head_hidden = config.HeadHidden,
            alpha = config.Alpha, lambda_cm = config.LambdaCm, lambda_cf = config.LambdaCf, propensity_clip = config.PropensityClip,
            arrays,
        };
        File.WriteAllText(Path.Combine(dir, "manifest.json"), JsonSerializer.Serialize(manifest));
    }
}
