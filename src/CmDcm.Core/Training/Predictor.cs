using CmDcm.Features;
using CmDcm.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CmDcm.Training;

/// <summary>A model's per-click outputs on a set of rows, as doubles (model.md §3.4).</summary>
public sealed record ScoredClicks(double[] PDelay, double[] PAll, double[]? PCvr, double[]? PAtc, double[]? Tau);

public static class Predictor
{
    public static ScoredClicks Score(ConversionModel model, BatchBuilder data, int[] rows, int batchSize = 4096)
    {
        model.eval();
        var pDelay = new double[rows.Length];
        var pAll = new double[rows.Length];
        double[]? pCvr = null, pAtc = null, tau = null;
        using var _ = no_grad();
        for (int start = 0; start < rows.Length; start += batchSize)
        {
            int n = Math.Min(batchSize, rows.Length - start);
            using var scope = NewDisposeScope();
            using var batch = data.Build(rows.AsSpan(start, n));
            var p = model.forward(batch);
            Copy(p.PDelay, pDelay, start);
            Copy(p.PAll, pAll, start);
            if (p.PCvr is { } c) Copy(c, pCvr ??= new double[rows.Length], start);
            if (p.PAtc is { } a) Copy(a, pAtc ??= new double[rows.Length], start);
            if (p.Tau is { } t) Copy(t, tau ??= new double[rows.Length], start);
        }
        return new ScoredClicks(pDelay, pAll, pCvr, pAtc, tau);
    }

    static void Copy(Tensor values, double[] target, int start)
    {
        var data = values.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        Array.Copy(data, 0, target, start, data.Length);
    }
}
