using System.Diagnostics;
using System.Runtime.InteropServices;
using CmDcm.Evaluation;

namespace CmDcm.Bench;

/// <summary>
/// Exact AUC on generated scores: writes the labels (int8) and scores (float64) for the scikit-learn peer
/// (bench/sklearn_auc.py reads the same files), then times the kit's Metrics.Auc. Scores are rounded to
/// 4 decimals so that ties are common and their ½ counts.
/// </summary>
static class AucBench
{
    public static int Run(BenchArgs args)
    {
        int rows = checked((int)args.Long("rows", 10_000_000));
        var outDir = args.Text("out");
        int repeats = (int)args.Long("repeats", 3);
        var random = new Random((int)args.Long("seed", 7));
        var labels = new sbyte[rows];
        var scores = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = (sbyte)(random.NextDouble() < 0.1 ? 1 : 0);
            double z = 0.8 * labels[i] + Normal(random) - 1.5;
            scores[i] = Math.Round(1 / (1 + Math.Exp(-z)), 4);
        }
        Directory.CreateDirectory(outDir);
        File.WriteAllBytes(Path.Combine(outDir, "auc-labels.bin"), MemoryMarshal.AsBytes<sbyte>(labels).ToArray());
        File.WriteAllBytes(Path.Combine(outDir, "auc-scores.bin"), MemoryMarshal.AsBytes<double>(scores).ToArray());

        double auc = 0;
        var seconds = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            auc = Metrics.Auc(labels, scores, "bench AUC");
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        Json.Print(new { tool = "cmdcm Metrics.Auc", rows, distinct = scores.Distinct().Count(), auc = auc.ToString("R"), seconds = seconds[seconds.Count / 2] });
        return 0;
    }

    static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
