using CmDcm.Features;
using CmDcm.Models.Baselines;
using TorchSharp;

namespace CmDcm.Training;

/// <summary>
/// HDR end to end (baselines.md, HDR): retrieve the historical days most like the target pre-promotion days,
/// train the shift classifier q (target vs reused) briefly and freeze it, then fine-tune the TransBlock adapter
/// on the reused clicks weighted by q/(1−q).
/// </summary>
public static class HdrMethod
{
    public static TrainedMethod Train(string name, MethodContext c, HdrOptions? options = null)
    {
        options ??= new HdrOptions();
        var retrieval = HistoricalDayRetrieval.Retrieve(c.Samples, c.Calendar, options);
        var reused = retrieval.ReusedRows;
        if (reused.Length == 0) throw new InputError($"{name}: retrieval found no historical days to reuse");
        var target = retrieval.TargetRows;
        c.Progress?.Report($"{name}: reusing {retrieval.Reused.Count} of {retrieval.Ranked.Count} historical days " +
            $"({string.Join(", ", retrieval.Reused.Select(d => $"{d.Date:yyyy-MM-dd} cos {d.Similarity:F3}"))}), {reused.Length:N0} clicks; {target.Length:N0} target clicks");

        // Target-period clicks are labelled 1, reused ones 0; on a one-event calendar both are the historical
        // 80 %, q cannot separate them and the weights stay near 1.
        var shift = new ShiftClassifier(c.Daily, (double)reused.Length / target.Length);
        shift.to(c.Device);
        var domainRows = target.Concat(reused).ToArray();
        var domainLabels = target.Select(_ => 1f).Concat(reused.Select(_ => 0f)).ToArray();
        Trainer.Fit(shift, new LabelledRows(c.Data, domainRows, domainLabels), c.Finetune with { Epochs = options.ShiftEpochs }, c.Seed, $"{name} shift classifier", c.Progress);

        var model = new HdrModel(c.Daily, shift);
        model.to(c.Device);
        var labels = reused.Select(i => HistoricalDayRetrieval.ReuseLabel(c.Samples, i)).ToArray();
        var history = Trainer.Fit(model, new LabelledRows(c.Data, reused, labels), c.Finetune, c.Seed, name, c.Progress);
        return new TrainedMethod(model, history);
    }

    /// <summary>Click rows, shuffled, each with its own label in Batch.StreamLabel (no stream kinds).</summary>
    sealed class LabelledRows(BatchBuilder data, int[] rows, float[] labels) : IBatchSource
    {
        public int Count => rows.Length;
        public bool Shuffle => true;

        public Batch Build(ReadOnlySpan<int> positions)
        {
            var selected = new int[positions.Length];
            var selectedLabels = new float[positions.Length];
            for (int k = 0; k < positions.Length; k++)
            {
                selected[k] = rows[positions[k]];
                selectedLabels[k] = labels[positions[k]];
            }
            return data.Build(selected, selectedLabels, []);
        }
    }
}
