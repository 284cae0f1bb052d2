using CmDcm.Data.Simulation;
using CmDcm.Evaluation;
using CmDcm.Features;
using CmDcm.Labels;
using CmDcm.Models;
using CmDcm.Training;

namespace CmDcm.Pipeline;

/// <summary>
/// Scores a trained method on a set of clicks (the held-out 20 %, or the grid's validation clicks) and
/// turns that into one run: metrics, or why they cannot be computed, and on the simulator the effect check.
/// </summary>
static class MethodEvaluation
{
    public static MethodRun Evaluate(string method, ConversionModel model, TrainingHistory history, BatchBuilder data, int[] eval, int seed, GroundTruth? truth)
    {
        var scores = Predictor.Score(model, data, eval);
        var s = data.Samples;
        var yAll = eval.Select(i => s.YAll[i]).ToArray();
        var yDelay = eval.Select(i => s.YDelay[i]).ToArray();
        DelayMetrics? metrics = null;
        string? reason = null;
        try { metrics = DelayMetrics.Compute(yAll, yDelay, scores.PDelay, scores.PAll); }
        catch (MetricError e) { reason = $"not computable on this data: {e.Message}"; }
        return new MethodRun(method, seed, metrics, reason, history.Seconds, history.SamplesPerSecond, history.Epochs,
            truth != null && scores.Tau != null ? EffectComparison.Check(EffectComparison.Pair(eval, s, scores.Tau, truth)) : null);
    }
}
